package io.lapsbridge.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.keyfile.KeyFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key source choice: a key file is read at once, and offline decryption needs one. */
class KeySourcesTest {
  @Test
  void aKeyFileIsTheSourceWithoutADirectory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.json");
    KdsKeyFile.write(file, List.of(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY)), "test",
        Instant.now());
    KeySource keys = KeySources.read(file).withoutDirectory();
    assertTrue(keys.groupKeys().isPresent());
  }

  @Test
  void aBadKeyFileFailsWhenReadBeforeAnythingConnects(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("keys.json"), "{}");
    assertThrows(KeyFileException.class, () -> KeySources.read(file));
  }

  @Test
  void offlineDecryptionWithoutAKeyFileIsAProgrammingError() throws Exception {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KeySources.read(null).withoutDirectory());
    assertEquals("no key file was read: offline decryption needs one", e.getMessage());
  }
}
