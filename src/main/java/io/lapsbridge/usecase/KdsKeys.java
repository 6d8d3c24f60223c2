package io.lapsbridge.usecase;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.RootKeyChoice;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.KdsRootKeyStore;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.keyfile.PublicKeyFile;
import io.lapsbridge.model.FileTime;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code kds export} and {@code kds public-key}: the forest's KDS root keys into a file for
 * offline decryption, or one group public key derived from them. Root keys are wiped as soon as
 * the file is written or the key derived.
 */
public final class KdsKeys {
  private KdsKeys() {}

  /** Refuses an existing file (or link) before anything connects: key files are never replaced. */
  public static void requireAbsent(Path out) throws KeyFileException {
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new KeyFileException(
          KeyFileException.Kind.EXISTS, out + ": already exists; refusing to overwrite it");
    }
  }

  /**
   * Writes every root key to {@code out} (mode 0600), or on a dry run only reads them.
   *
   * @return how many keys were (or would be) written
   */
  public static int export(LapsDirectory directory, Path out, boolean dryRun, Instant now)
      throws DirectoryException, KeyFileException {
    KdsRootKeyStore store = KdsRootKeyStore.of(directory);
    String container = store.containerDn();
    List<KdsRootKey> keys = store.readKeys();
    try {
      if (!dryRun) {
        KdsKeyFile.write(out, keys, container, now);
      }
      return keys.size();
    } finally {
      keys.forEach(KdsRootKey::wipe);
    }
  }

  /**
   * What to derive.
   *
   * @param sid the principal allowed to decrypt, as {@code S-1-...}
   * @param rootKey the root key to use, or empty for the one Windows would choose at {@code when}
   * @param when the time whose GKDI interval to use
   * @param domain the DNS domain name put into every key identifier
   * @param forest the DNS forest name
   */
  public record PublicKeyRequest(String sid, Optional<UUID> rootKey, Instant when, String domain,
      String forest) {}

  /** The root key and interval a published key was derived from. */
  public record Published(UUID rootKey, GkdiInterval interval) {}

  /** Derives the group public key and writes it to {@code out}, unless {@code dryRun}. */
  public static Published publishPublicKey(LapsDirectory directory, PublicKeyRequest request,
      Path out, boolean dryRun, Instant now) throws DirectoryException, KeyFileException {
    List<KdsRootKey> keys = KdsRootKeyStore.of(directory).readKeys();
    try {
      KdsRootKey chosen = choose(keys, request);
      GkdiInterval interval = GkdiInterval.of(FileTime.of(request.when()));
      GroupPublicKey key = GroupPublicKey.derive(chosen,
          new SidProtectionDescriptor(request.sid()), interval, request.domain(), request.forest());
      if (!dryRun) {
        PublicKeyFile.write(out, key, now);
      }
      return new Published(chosen.id(), interval);
    } finally {
      keys.forEach(KdsRootKey::wipe);
    }
  }

  private static KdsRootKey choose(List<KdsRootKey> keys, PublicKeyRequest request)
      throws DirectoryException {
    if (request.rootKey().isPresent()) {
      UUID id = request.rootKey().get();
      return keys.stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow(
          () -> new DirectoryException(DirectoryException.Kind.NOT_FOUND,
              "no KDS root key " + id + " in the directory"));
    }
    return RootKeyChoice.newestUsableAt(keys, request.when()).orElseThrow(
        () -> new DirectoryException(DirectoryException.Kind.NOT_FOUND, "no KDS root key is"
            + " usable at " + request.when() + " (every key's UseStartTime is later);"
            + " give --root-key to override"));
  }
}
