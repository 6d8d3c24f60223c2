package io.lapsbridge.usecase;

import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.NtlmIdentity;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.keyfile.PublicKeyFile;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.MigrationInputException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where {@code migrate apply}'s encrypted mirrors (#14) get their group public key: a published
 * key file ({@code --public-key-file}), or MS-GKDI GetKey with L0 = L1 = L2 = -1 as the bind's
 * own user, as a Windows client asks before encrypting. Either way once per run and decryptor,
 * before the first write, so a missing key stops the run before anything is written. Encrypting
 * needs no secret, so nothing here holds more than a public key.
 */
public final class MirrorKeys {
  /** Why no public key is available for an encrypted mirror; nothing was written. */
  public static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean denied;

    UnavailableException(String message, boolean denied, Throwable cause) {
      super(message, cause);
      this.denied = denied;
    }

    /** Whether a DC refused (access denied), as opposed to none answering. */
    public boolean denied() {
      return denied;
    }
  }

  private final Path keyFile;
  private final int epmPort;

  private MirrorKeys(Path keyFile, int epmPort) {
    this.keyFile = keyFile;
    this.epmPort = epmPort;
  }

  /** Keys from {@code keyFile} when given (no RPC), else GetKey at the endpoint mapper port. */
  public static MirrorKeys of(Path keyFile, int epmPort) {
    return new MirrorKeys(keyFile, epmPort);
  }

  /** The decryptor SIDs the actions' encrypted mirrors need, upper case, sorted. */
  public static Set<String> decryptors(List<Action> actions) {
    TreeSet<String> sids = new TreeSet<>();
    for (Action action : actions) {
      if (action instanceof Action.MirrorToWindows mirror && mirror.encrypted()) {
        sids.add(mirror.decryptor().toUpperCase(Locale.ROOT));
      }
    }
    return sids;
  }

  /**
   * One public key per decryptor the actions need; empty (and nothing asked) when they need none.
   * A key file must hold the key of the one decryptor the plan names.
   */
  public Map<String, GroupPublicKey> keysFor(List<Action> actions,
      ConnectionSettings connection) throws UnavailableException, KeyFileException {
    Set<String> sids = decryptors(actions);
    Map<String, GroupPublicKey> keys = new TreeMap<>();
    if (sids.isEmpty()) {
      return keys;
    }
    if (keyFile != null) {
      GroupPublicKey key = PublicKeyFile.read(keyFile);
      String fileSid = key.descriptor().sid().toUpperCase(Locale.ROOT);
      for (String sid : sids) {
        if (!sid.equals(fileSid)) {
          throw new MigrationInputException(keyFile + ": the key of " + fileSid + ", but the"
              + " plan's encrypted mirrors are to " + sid + "; nothing was written");
        }
        keys.put(sid, key);
      }
      return keys;
    }
    try (OnlineGroupKeys online = open(connection)) {
      for (String sid : sids) {
        keys.put(sid, online.publicKey(new SidProtectionDescriptor(sid)));
      }
    } catch (LapsCryptoException e) {
      throw new UnavailableException("no public key for encrypted mirrors (GetKey at "
          + (connection.host() != null ? connection.host() : connection.endpoint()) + ":"
          + epmPort + "): " + e.getMessage()
          + "; give --public-key-file to encrypt with a published key; nothing was written",
          e.reason() == LapsCryptoException.Reason.UNAUTHORIZED, e);
    }
    return keys;
  }

  /** GetKey as the bind's own user, with the bind password, as get-password's online path. */
  private OnlineGroupKeys open(ConnectionSettings connection) throws UnavailableException {
    Secret password = connection.bindPassword();
    if (password == null) {
      throw new UnavailableException("no public key for encrypted mirrors: "
          + (connection.kerberos() != null ? "a --kerberos bind has no password for GetKey's"
              + " NTLM" : "an anonymous bind cannot call GetKey")
          + "; give --public-key-file; nothing was written", false, null);
    }
    NtlmIdentity who;
    String host;
    try (LapsDirectory directory = LapsDirectory.open(connection)) {
      who = NtlmIdentity.of(directory);
      host = directory.settings().host(); // the controller discovery chose, with --domain
    } catch (DirectoryException e) {
      throw new UnavailableException("no public key for encrypted mirrors: " + e.getMessage()
          + "; give --public-key-file; nothing was written", false, e);
    }
    GetKeyClient client = new GetKeyClient(
        new GetKeyClient.Endpoint(host, epmPort, Duration.ofSeconds(3),
            connection.timeout()),
        new RpcCredentials.Password(who.user(), who.domain(), password),
        new SecureRandom(), Clock.systemUTC());
    return new OnlineGroupKeys(client, new GroupKeyCache(), host);
  }
}
