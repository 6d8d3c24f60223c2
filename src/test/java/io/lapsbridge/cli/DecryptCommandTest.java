package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code decrypt}: offline, from an export file, argv or stdin, with exact failures. */
class DecryptCommandTest {
  private static final FileTime WHEN = FileTime.of(Instant.parse("2026-11-01T12:00:00Z"));
  @TempDir Path dir;
  private Path keys;

  @BeforeEach
  void exportFixtureKey() throws Exception {
    keys = dir.resolve("keys.json");
    KdsKeyFile.write(keys, List.of(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY)), "test",
        Instant.now());
  }

  private static byte[] encrypt(KdsRootKey root, String password) throws Exception {
    GroupPublicKey key = GroupPublicKey.derive(root,
        new SidProtectionDescriptor("S-1-5-21-1-2-3-512"), GkdiInterval.of(WHEN), "example.com",
        "example.com");
    return new LapsEncryptor(new SecureRandom()).encrypt(key,
        new WindowsLapsPasswordJson.Value("Administrator", WHEN, Secret.of(password)));
  }

  @Test
  void readsTheValueFromStdin() throws Exception {
    String value = Base64.getMimeEncoder().encodeToString(
        encrypt(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY), "Stdin-Pass-1"));
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream((value + "\n").getBytes(StandardCharsets.US_ASCII)));
      CliRun run = CliRun.of("decrypt", "--kds-key-file", keys.toString(), "--format", "json");
      assertEquals(0, run.status(), run.err());
      assertEquals("Stdin-Pass-1",
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("password")
              .asText());
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void aValueFromAnotherRootKeySaysWhichKeyIsMissing() throws Exception {
    byte[] value = encrypt(KdsFixture.rootKey(KdsFixture.MISSING_ROOT_KEY), "Other-Key-2");
    CliRun run = CliRun.of("decrypt", "--kds-key-file", keys.toString(),
        Base64.getEncoder().encodeToString(value));
    assertEquals(1, run.status());
    assertEquals("", run.out());
    assertEquals("lapsbridge: cannot decrypt: no KDS root key " + KdsFixture.MISSING_ROOT_KEY
        + " is available\n", run.err());
    assertFalse(run.err().contains("Other-Key-2"));
  }

  @Test
  void badEncodingsAreUsageErrors() {
    CliRun notBase64 = CliRun.of("decrypt", "--kds-key-file", keys.toString(), "zz!!");
    assertEquals(2, notBase64.status());
    assertEquals("lapsbridge: usage: the value is not base64 (give --hex for a hexadecimal value)\n",
        notBase64.err());
    CliRun notHex = CliRun.of("decrypt", "--kds-key-file", keys.toString(), "--hex", "0xABC");
    assertEquals(2, notHex.status());
    assertEquals("lapsbridge: usage: the value is not hexadecimal\n", notHex.err());
    CliRun both = CliRun.of("decrypt", "--kds-key-file", keys.toString(), "--hex", "--base64", "AA");
    assertEquals(2, both.status());
  }

  @Test
  void aTruncatedValueIsACleanError() throws Exception {
    byte[] value = encrypt(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY), "Cut-3");
    byte[] cut = java.util.Arrays.copyOf(value, 40);
    CliRun run = CliRun.of("decrypt", "--kds-key-file", keys.toString(),
        Base64.getEncoder().encodeToString(cut));
    assertEquals(1, run.status());
    assertEquals(true, run.err().startsWith("lapsbridge: cannot decrypt: "), run.err());
    assertEquals(1, run.err().lines().count());
  }

  /**
   * #13 item 10: docs/kds.md says a bad --kds-key-file is a usage error, exit 2. Root ignores
   * file modes, so "unreadable" is a directory here.
   */
  @Test
  void aMissingOrUnreadableKeyFileIsAUsageError() throws Exception {
    Path missing = dir.resolve("missing.json");
    CliRun none = CliRun.of("decrypt", "--kds-key-file", missing.toString(), "AAAA");
    assertEquals(2, none.status(), none.err());
    assertEquals("", none.out());
    assertEquals("lapsbridge: " + missing + ": no such file\n", none.err());
    Path directory = java.nio.file.Files.createDirectory(dir.resolve("a-directory"));
    CliRun folder = CliRun.of("decrypt", "--kds-key-file", directory.toString(), "AAAA");
    assertEquals(2, folder.status(), folder.err());
    assertEquals("lapsbridge: " + directory + ": is a directory, not a key file\n",
        folder.err());
  }
}
