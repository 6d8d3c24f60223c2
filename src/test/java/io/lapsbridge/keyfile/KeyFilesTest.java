package io.lapsbridge.keyfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root key export and the published public key: round trips, permissions, exact errors. */
class KeyFilesTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final String SID = "S-1-5-21-1-2-3-512";

  @TempDir Path dir;

  private static List<KdsRootKey> keys() {
    return List.of(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY),
        KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY));
  }

  @Test
  void exportRoundTripsEveryFieldWithOwnerOnlyMode() throws Exception {
    Path file = dir.resolve("k.json");
    KdsKeyFile.write(file, keys(), "CN=Master Root Keys,...", NOW);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    List<KdsRootKey> read = KdsKeyFile.read(file);
    assertEquals(keys(), read);
    assertEquals(keys().get(0).createTime(), read.get(0).createTime());
    assertEquals(keys().get(1).useStartTime(), read.get(1).useStartTime());
    assertArrayEquals(keys().get(0).keyData(), read.get(0).keyData());
  }

  @Test
  void exportNeverReplacesAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("k.json"), "precious");
    KeyFileException e = assertThrows(KeyFileException.class,
        () -> KdsKeyFile.write(file, keys(), "x", NOW));
    assertEquals(KeyFileException.Kind.EXISTS, e.kind());
    assertEquals(file + ": already exists; refusing to overwrite it", e.getMessage());
    assertEquals("precious", Files.readString(file));
  }

  @Test
  void brokenExportsGiveExactMessagesWithoutKeyBytes() throws Exception {
    Path file = dir.resolve("k.json");
    KdsKeyFile.write(file, keys(), "x", NOW);
    String good = Files.readString(file);
    String data = Base64.getEncoder().encodeToString(keys().get(0).keyData());

    assertInvalid(good.replace("\"version\" : 1,\n  \"warning\"", "\"version\" : 2,\n  \"warning\""),
        "has version 2; this lapsbridge reads 1");
    assertInvalid(good.replace(data, "!!notbase64!!"), "field 'rootKeyData' is not base64");
    assertInvalid(good.replace(KdsFixture.ECDH_ROOT_KEY.toString(), KdsFixture.DH_ROOT_KEY.toString()),
        "key 2: root key " + KdsFixture.DH_ROOT_KEY + " appears twice");
    assertInvalid(good.replace("\"SP800_108_CTR_HMAC\"", "\"MD5_KDF\""),
        "key 1 (" + KdsFixture.DH_ROOT_KEY + "): root key " + KdsFixture.DH_ROOT_KEY
            + " uses KDF 'MD5_KDF'");
    assertInvalid("{\"format\":", "is not JSON (line 1, column 11)");
    // Found by KeyFileFuzzTest: the version node was echoed whole, key data and all.
    assertInvalid(good.replace("\"version\" : 1,\n  \"warning\"", "\"version\" : [\"" + data
        + "\"],\n  \"warning\""), "has version of type array; this lapsbridge reads 1");
    assertInvalid(good.replace("\"version\" : 1,\n  \"warning\"", "\"version\" : \"" + data
        + "\",\n  \"warning\""), "has version of type string; this lapsbridge reads 1");
    assertInvalid(good.replace("\"lapsbridge-kds-root-keys\"", "\"" + data + "\""),
        "is not a 'lapsbridge-kds-root-keys' file (format is '" + data.substring(0, 37)
            + "...')");
    assertInvalid("[1,2]", "is not a JSON object");
    assertInvalid("{\"format\":\"lapsbridge-kds-root-keys\",\"version\":1,\"keys\":[]}",
        "holds no keys");
  }

  private void assertInvalid(String content, String what) throws Exception {
    Path file = dir.resolve("broken-" + Integer.toHexString(content.hashCode()) + ".json");
    Files.deleteIfExists(file);
    Files.writeString(file, content);
    KeyFileException e = assertThrows(KeyFileException.class, () -> KdsKeyFile.read(file));
    assertEquals(KeyFileException.Kind.INVALID, e.kind());
    assertEquals(file + ": " + what, e.getMessage());
    String data = HexFormat.of().formatHex(keys().get(0).keyData());
    assertFalse(e.getMessage().contains(data));
  }

  @Test
  void publicKeyFileRoundTripsAndEncryptsForTheRootKey() throws Exception {
    KdsRootKey root = KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY);
    GkdiInterval interval = GkdiInterval.of(FileTime.of(NOW));
    GroupPublicKey key = GroupPublicKey.derive(
        root, new SidProtectionDescriptor(SID), interval, "example.com", "example.com");
    Path file = dir.resolve("pub.json");
    PublicKeyFile.write(file, key, NOW);
    String text = Files.readString(file);
    assertFalse(text.contains(Base64.getEncoder().encodeToString(root.keyData())));
    GroupPublicKey read = PublicKeyFile.read(file);
    assertEquals(key, read);

    byte[] value = new LapsEncryptor(new SecureRandom()).encrypt(read,
        new WindowsLapsPasswordJson.Value("Administrator", FileTime.of(NOW), Secret.of("P@ss-1")));
    assertEquals("P@ss-1",
        new LapsDecryptor(RootKeyProvider.of(root)).decrypt(value).password().reveal());
  }

  @Test
  void publicKeyFileMetadataMustAgreeWithTheEnvelope() throws Exception {
    KdsRootKey root = KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY);
    GroupPublicKey key = GroupPublicKey.derive(root, new SidProtectionDescriptor(SID),
        new GkdiInterval(400, 5, 7), "example.com", "example.com");
    Path file = dir.resolve("pub.json");
    PublicKeyFile.write(file, key, NOW);
    String good = Files.readString(file);

    Path tampered = Files.writeString(dir.resolve("t1.json"), good.replace("\"l2\" : 7", "\"l2\" : 8"));
    KeyFileException e = assertThrows(KeyFileException.class, () -> PublicKeyFile.read(tampered));
    assertEquals(tampered + ": interval GkdiInterval[l0=400, l1=5, l2=8] differs from the"
        + " envelope's GkdiInterval[l0=400, l1=5, l2=7]", e.getMessage());

    Path badSid = Files.writeString(dir.resolve("t2.json"), good.replace("SID=" + SID, "O:BAG:BA"));
    e = assertThrows(KeyFileException.class, () -> PublicKeyFile.read(badSid));
    assertEquals(badSid + ": descriptor 'O:BAG:BA' is not SID=S-1-...", e.getMessage());

    Path keysFile = dir.resolve("keys.json");
    KdsKeyFile.write(keysFile, List.of(root), "x", NOW);
    e = assertThrows(KeyFileException.class, () -> PublicKeyFile.read(keysFile));
    assertEquals(keysFile + ": is not a 'lapsbridge-group-public-key' file (format is"
        + " 'lapsbridge-kds-root-keys')", e.getMessage());
  }
}
