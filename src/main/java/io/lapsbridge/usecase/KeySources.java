package io.lapsbridge.usecase;

import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.NtlmIdentity;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.RpcCredentials;
import io.lapsbridge.rpc.gkdi.GetKeyClient;
import io.lapsbridge.rpc.gkdi.GroupKeyCache;
import io.lapsbridge.rpc.gkdi.OnlineGroupKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one place {@code get-password} and {@code decrypt} choose where their group keys come from:
 * a {@code kds export} file; else, by default, MS-GKDI GetKey over RPC as the bind's own user, with
 * the directory's KDS root keys as the fallback when no domain controller answers; or (offline)
 * the directory's root keys alone. Closing it closes the RPC association.
 */
public final class KeySources implements AutoCloseable {
  /**
   * Whether and how to ask a domain controller for keys.
   *
   * @param epmPort the endpoint mapper's port: 135 on a DC
   * @param connectTimeout how long one connection attempt may take; paid at most once per run
   */
  public record Online(boolean enabled, int epmPort, Duration connectTimeout) {
    /** Root keys only, as before GetKey existed. */
    public static final Online OFF = new Online(false, 135, Duration.ofSeconds(3));

    public Online {
      if (epmPort <= 0 || epmPort > 0xFFFF || connectTimeout == null) {
        throw new IllegalArgumentException("an endpoint mapper port and a timeout are needed");
      }
    }

    /** GetKey through the endpoint mapper on {@code epmPort}, a short connect timeout. */
    public static Online at(int epmPort) {
      return new Online(true, epmPort, Duration.ofSeconds(3));
    }
  }

  /** The root keys of {@code --kds-key-file}; null when none was given. */
  private final List<KdsRootKey> fileKeys;
  private final Online online;
  private OnlineGroupKeys opened;

  private KeySources(List<KdsRootKey> fileKeys, Online online) {
    this.fileKeys = fileKeys;
    this.online = online;
  }

  /**
   * Reads {@code kdsKeyFile} now (null for none), so that a bad file is reported before anything
   * connects or prints. No GetKey.
   */
  public static KeySources read(Path kdsKeyFile) throws KeyFileException {
    return read(kdsKeyFile, Online.OFF);
  }

  /**
   * No key file: GetKey as the bind's user when {@code online} is on, else the directory's root
   * keys (the console, whose users bring no key files).
   */
  public static KeySources withoutKeyFile(Online online) {
    return new KeySources(null, online);
  }

  /** As {@link #read(Path)}, asking a DC first when no key file is given and online is on. */
  public static KeySources read(Path kdsKeyFile, Online online) throws KeyFileException {
    return new KeySources(kdsKeyFile == null ? null : KdsKeyFile.read(kdsKeyFile), online);
  }

  /**
   * For a run with a directory: the key file when given; else GetKey as the bind's user at the
   * directory's host, falling back to the directory's root keys when no DC answers on RPC (or the
   * bind has no NTLM name); else, offline, the root keys.
   */
  public KeySource with(LapsDirectory directory) {
    if (fileKeys != null) {
      return KeySource.of(fileKeys);
    }
    if (!online.enabled()) {
      return KeySource.fromDirectory(directory);
    }
    // Resolved on the first encrypted value: a run that decrypts nothing asks nothing.
    return KeySource.onlineFirst(request -> openFor(directory).groupKey(request), directory);
  }

  /** The GetKey source as the bind's user; an unusable bind is "no DC to ask" for the fallback. */
  private synchronized OnlineGroupKeys openFor(LapsDirectory directory)
      throws LapsCryptoException {
    if (opened == null) {
      RpcCredentials credentials;
      try {
        credentials = credentials(directory);
      } catch (DirectoryException | IllegalArgumentException e) {
        // Said in each value's note only if the root keys cannot stand in.
        throw new LapsCryptoException(
            LapsCryptoException.Reason.KEY_SOURCE_UNAVAILABLE, "not asked: " + e.getMessage());
      }
      String host = directory.settings().host();
      opened =
          new OnlineGroupKeys(
              new GetKeyClient(
                  new GetKeyClient.Endpoint(
                      host, online.epmPort(), online.connectTimeout(),
                      directory.settings().timeout()),
                  credentials, new SecureRandom(), Clock.systemUTC()),
              new GroupKeyCache(), host);
    }
    return opened;
  }

  /** For a run without a directory ({@code decrypt}): the key file, which is then required. */
  public KeySource withoutDirectory() {
    if (fileKeys == null) {
      throw new IllegalStateException("no key file was read: offline decryption needs one");
    }
    return KeySource.of(fileKeys);
  }

  /**
   * For {@code decrypt --online}, with no directory: GetKey at {@code host} as {@code identity}
   * ({@code user@domain} or <code>DOMAIN&#92;user</code>), and nothing to fall back to.
   */
  public KeySource onlineOnly(
      String host, String identity, Secret password, Duration readTimeout) {
    opened =
        new OnlineGroupKeys(
            new GetKeyClient(
                new GetKeyClient.Endpoint(host, online.epmPort(), online.connectTimeout(),
                    readTimeout),
                RpcCredentials.parse(identity, password), new SecureRandom(), Clock.systemUTC()),
            new GroupKeyCache(), host);
    return KeySource.of(opened);
  }

  /** How many GetKey calls this run made (0 without GetKey). */
  public int getKeyCalls() {
    return opened == null ? 0 : opened.calls();
  }

  private static RpcCredentials credentials(LapsDirectory directory) throws DirectoryException {
    Secret password = directory.settings().bindPassword();
    if (password == null && directory.settings().kerberos() != null) {
      // GetKey authenticates with NTLM here (docs/online-decryption.md); a ticket is no password.
      throw new IllegalArgumentException("a --kerberos bind has no password for GetKey's NTLM"
          + " authentication; decrypt with --kds-key-file, or bind with a password");
    }
    if (password == null) {
      throw new IllegalArgumentException("an anonymous bind has no password to authenticate with");
    }
    NtlmIdentity who = NtlmIdentity.of(directory);
    return new RpcCredentials.Password(who.user(), who.domain(), password);
  }

  @Override
  public void close() {
    if (opened != null) {
      opened.close();
    }
  }
}
