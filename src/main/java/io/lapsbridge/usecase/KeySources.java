package io.lapsbridge.usecase;

import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.keyfile.KeyFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place {@code get-password} and {@code decrypt} choose where their group keys come from:
 * a {@code kds export} file, or the directory's KDS root keys. A new source, such as MS-GKDI
 * GetKey over RPC (a {@link io.lapsbridge.crypto.GroupKeySource}), is added here and nowhere else.
 */
public final class KeySources {
  /** The root keys of {@code --kds-key-file}; null when none was given. */
  private final List<KdsRootKey> fileKeys;

  private KeySources(List<KdsRootKey> fileKeys) {
    this.fileKeys = fileKeys;
  }

  /**
   * Reads {@code kdsKeyFile} now (null for none), so that a bad file is reported before anything
   * connects or prints.
   */
  public static KeySources read(Path kdsKeyFile) throws KeyFileException {
    return new KeySources(kdsKeyFile == null ? null : KdsKeyFile.read(kdsKeyFile));
  }

  /** For a run with a directory: the key file when given, else the directory's root keys. */
  public KeySource with(LapsDirectory directory) {
    return fileKeys != null ? KeySource.of(fileKeys) : KeySource.fromDirectory(directory);
  }

  /** For a run without a directory ({@code decrypt}): the key file, which is then required. */
  public KeySource withoutDirectory() {
    if (fileKeys == null) {
      throw new IllegalStateException("no key file was read: offline decryption needs one");
    }
    return KeySource.of(fileKeys);
  }
}
