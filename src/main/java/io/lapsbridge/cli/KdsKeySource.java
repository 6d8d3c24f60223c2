package io.lapsbridge.cli;

import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.KdsRootKeyStore;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.keyfile.KeyFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code get-password} gets KDS root keys: the {@code --kds-key-file} when given, else the
 * directory, read once and only when a value needs decrypting. When the directory refuses (no
 * privileged bind), the refusal is kept and every encrypted value reports it as Unauthorized.
 */
final class KdsKeySource {
  private final Path keyFile;
  private LapsDecryptor decryptor;
  private String unavailable;
  private boolean loaded;

  KdsKeySource(Path keyFile) {
    this.keyFile = keyFile;
  }

  /** Reads the key file now, so that a bad file is a usage error before anything is printed. */
  void loadFileEarly() throws KeyFileException {
    if (keyFile != null) {
      decryptor = new LapsDecryptor(RootKeyProvider.of(KdsKeyFile.read(keyFile)));
      loaded = true;
    }
  }

  /** The decryptor, or empty with {@link #whyUnavailable()} set. */
  Optional<LapsDecryptor> decryptor(LapsDirectory directory) throws DirectoryException {
    if (!loaded) {
      loaded = true;
      try {
        List<KdsRootKey> keys = KdsRootKeyStore.of(directory).readKeys();
        decryptor = new LapsDecryptor(RootKeyProvider.of(keys));
      } catch (DirectoryException e) {
        if (e.kind() != DirectoryException.Kind.ACCESS_DENIED
            && e.kind() != DirectoryException.Kind.NOT_FOUND) {
          throw e;
        }
        unavailable = e.getMessage();
      }
    }
    return Optional.ofNullable(decryptor);
  }

  String whyUnavailable() {
    return unavailable;
  }
}
