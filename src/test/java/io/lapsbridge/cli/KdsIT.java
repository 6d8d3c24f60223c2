package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lapsbridge.crypto.DecryptedPassword;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.keyfile.PublicKeyFile;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kds list, export, public-key and decrypt against the stand-in's fixture root keys. */
class KdsIT {
  private static final String DH_KEY = "7c1b9a52-3f0e-4d6a-9b1e-5a2f8c4d6e01";
  private static final String ECDH_KEY = "2e8f4c71-6a3d-4b9e-8c05-d17a3b9e4f02";
  private static final String CONTAINER =
      "CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,CN=Configuration,"
          + "dc=example,dc=com";

  @TempDir Path dir;

  @Test
  void listShowsMetadataAndWhetherTheBindMayReadKeyData() throws Exception {
    CliRun admin = CliRun.of(args(connect("admin"), "kds", "list", "--format", "json"));
    assertEquals(0, admin.status(), admin.err());
    JsonNode keys = new ObjectMapper().readTree(admin.out());
    assertEquals(2, keys.size());
    assertEquals(DH_KEY, keys.get(0).get("id").asText());
    assertEquals("DH", keys.get(0).get("secretAgreement").asText());
    assertEquals("SHA512", keys.get(0).get("kdfHash").asText());
    assertEquals(512, keys.get(0).get("privateKeyLength").asInt());
    assertEquals("2026-01-01T00:00:00Z", keys.get(0).get("createTime").asText());
    assertEquals("2026-01-01T10:00:00Z", keys.get(0).get("useStartTime").asText());
    assertEquals(ECDH_KEY, keys.get(1).get("id").asText());
    assertEquals("ECDH_P384", keys.get(1).get("secretAgreement").asText());
    assertTrue(keys.get(0).get("keyDataReadable").asBoolean());
    assertFalse(admin.out().contains("rootKeyData"), "list must never show key data");

    CliRun reader = CliRun.of(args(connect("reader"), "kds", "list", "--format", "json"));
    assertEquals(0, reader.status(), reader.err());
    JsonNode seen = new ObjectMapper().readTree(reader.out());
    assertEquals(2, seen.size());
    assertFalse(seen.get(0).get("keyDataReadable").asBoolean());
  }

  @Test
  void exportWithoutAPrivilegedBindFailsClearly() {
    Path file = dir.resolve("keys.json");
    CliRun run = CliRun.of(args(connect("reader"), "kds", "export", "--out", file.toString()));
    assertEquals(5, run.status());
    assertEquals("", run.out());
    assertEquals(
        "lapsbridge: access denied: '" + SharedStandIn.READER_DN + "' cannot read"
            + " msKds-RootKeyData under '" + CONTAINER + "': reading KDS root keys needs a highly"
            + " privileged bind (Domain Admins or Enterprise Admins), or give --kds-key-file\n",
        run.err());
    assertFalse(Files.exists(file));
  }

  @Test
  void exportWritesAnOwnerOnlyFileWarnsAndRefusesToOverwrite() throws Exception {
    Path file = dir.resolve("keys.json");
    CliRun run = CliRun.of(args(connect("admin"), "kds", "export", "--out", file.toString()));
    assertEquals(0, run.status(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("lapsbridge: warning: this file holds the forest's KDS root keys:"
        + " it is equivalent to every encrypted LAPS password"), run.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(2, KdsKeyFile.read(file).size());

    byte[] before = Files.readAllBytes(file);
    CliRun again = CliRun.of(args(connect("admin"), "kds", "export", "--out", file.toString()));
    assertEquals(2, again.status());
    assertEquals("lapsbridge: " + file + ": already exists; refusing to overwrite it\n", again.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)));
  }

  @Test
  void exportDryRunWritesNothing() {
    Path file = dir.resolve("dry.json");
    CliRun run = CliRun.of(args(connect("admin"), "kds", "export", "--out", file.toString(),
        "--dry-run"));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().startsWith("lapsbridge: dry run: would write 2 KDS root key(s) to "),
        run.err());
    assertFalse(Files.exists(file));
  }

  @Test
  void aSidInAnotherSpellingIsPublishedCanonical() throws Exception {
    // #18: the SID string is parsed as a SID; the file names it as a plan's decryptor does.
    Path pub = dir.resolve("canonical.pub.json");
    CliRun run = CliRun.of(args(connect("admin"), "kds", "public-key", "--out", pub.toString(),
        "--sid", "s-1-5-21-1000000001-2000000002-3000000003-0512", "--at",
        "2026-11-25T10:00:00Z"));
    assertEquals(0, run.status(), run.err());
    assertEquals("SID=S-1-5-21-1000000001-2000000002-3000000003-512",
        PublicKeyFile.read(pub).descriptor().descriptorString());
  }

  @Test
  void publishedPublicKeyEncryptsWhatTheRootKeysDecrypt() throws Exception {
    Path pub = dir.resolve("group.pub.json");
    String sid = "S-1-5-21-1000000001-2000000002-3000000003-512";
    CliRun run = CliRun.of(args(connect("admin"), "kds", "public-key", "--out", pub.toString(),
        "--sid", sid, "--at", "2026-11-25T10:00:00Z"));
    assertEquals(0, run.status(), run.err());
    // The newest key in use at that time is the ECDH one (in use since 2026-06-01).
    assertTrue(run.err().contains("root key " + ECDH_KEY + " for SID=" + sid), run.err());
    assertEquals("rw-r--r--".substring(0, 3), PosixFilePermissions.toString(
        Files.getPosixFilePermissions(pub)).substring(0, 3));
    String text = Files.readString(pub);
    assertFalse(text.contains("rootKeyData"));

    GroupPublicKey key = PublicKeyFile.read(pub);
    assertEquals(ECDH_KEY, key.rootKeyId().toString());
    assertEquals("SID=" + sid, key.descriptor().descriptorString());
    assertEquals("example.com", key.domainName());
    FileTime when = FileTime.of(Instant.parse("2026-11-25T10:00:00Z"));
    byte[] value = new LapsEncryptor(new SecureRandom()).encrypt(key,
        new WindowsLapsPasswordJson.Value("Administrator", when, Secret.of("From-Pub-Key-9")));

    Path keys = dir.resolve("keys.json");
    assertEquals(0, CliRun.of(args(connect("admin"), "kds", "export", "--out", keys.toString()))
        .status());
    DecryptedPassword decrypted =
        new LapsDecryptor(RootKeyProvider.of(KdsKeyFile.read(keys))).decrypt(value);
    assertEquals("From-Pub-Key-9", decrypted.password().reveal());

    CliRun offline = CliRun.of("decrypt", "--kds-key-file", keys.toString(),
        Base64.getEncoder().encodeToString(value));
    assertEquals(0, offline.status(), offline.err());
    assertEquals(
        "Account             : Administrator\n"
            + "Password            : From-Pub-Key-9\n"
            + "PasswordUpdateTime  : 2026-11-25T10:00:00Z\n"
            + "AuthorizedDecryptor : " + sid + "\n",
        offline.out());
    String hex = java.util.HexFormat.of().formatHex(value);
    CliRun asHex = CliRun.of("decrypt", "--kds-key-file", keys.toString(), "--hex", hex);
    assertEquals(0, asHex.status(), asHex.err());
    assertTrue(asHex.out().contains("From-Pub-Key-9"));
  }

  @Test
  void publicKeyRefusesABadSidAndAnExistingFile() throws Exception {
    CliRun bad = CliRun.of(args(connect("admin"), "kds", "public-key", "--out",
        dir.resolve("x").toString(), "--sid", "S-1-5-oops"));
    assertEquals(2, bad.status());
    assertEquals("lapsbridge: usage: --sid 'S-1-5-oops' is not a SID in S-1-... form\n", bad.err());
    Path existing = Files.writeString(dir.resolve("exists"), "keep me");
    CliRun clash = CliRun.of(args(connect("admin"), "kds", "public-key", "--out",
        existing.toString(), "--sid", "S-1-5-32-544"));
    assertEquals(2, clash.status());
    assertEquals("keep me", Files.readString(existing));
  }

  @Test
  void aForestWithoutTheContainerSaysSoAndMentionsThePrivilege() {
    // With another base DN the fallback configuration NC has no root key container.
    java.util.List<String> options = new java.util.ArrayList<>(connect("admin"));
    options.add("--base-dn");
    options.add("ou=People,dc=example,dc=com");
    CliRun run = CliRun.of(args(options, "kds", "list"));
    assertEquals(5, run.status());
    assertEquals("", run.out());
    assertEquals("lapsbridge: no KDS root key container 'CN=Master Root Keys,CN=Group Key"
        + " Distribution Service,CN=Services,CN=Configuration,ou=People,dc=example,dc=com' (the"
        + " forest has no root key, or this bind may not see it: reading KDS root keys needs a"
        + " highly privileged bind)\n", run.err());
  }

  @Test
  void publicKeyForAnUnknownRootKeyOrBeforeAnyKeyIsUsable() {
    Path out = dir.resolve("p.json");
    CliRun unknown = CliRun.of(args(connect("admin"), "kds", "public-key", "--out", out.toString(),
        "--sid", "S-1-5-32-544", "--root-key", "00000000-0000-4000-8000-000000000001"));
    assertEquals(5, unknown.status());
    assertEquals("lapsbridge: no KDS root key 00000000-0000-4000-8000-000000000001 in the"
        + " directory\n", unknown.err());
    CliRun early = CliRun.of(args(connect("admin"), "kds", "public-key", "--out", out.toString(),
        "--sid", "S-1-5-32-544", "--at", "2025-12-31T00:00:00Z"));
    assertEquals(5, early.status());
    assertEquals("lapsbridge: no KDS root key is usable at 2025-12-31T00:00:00Z (every key's"
        + " UseStartTime is later); give --root-key to override\n", early.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void theDhKeyIsChosenBeforeTheEcdhKeyStarts() throws Exception {
    Path out = dir.resolve("dh.json");
    CliRun run = CliRun.of(args(connect("admin"), "kds", "public-key", "--out", out.toString(),
        "--sid", "S-1-5-32-544", "--at", "2026-03-01T00:00:00Z"));
    assertEquals(0, run.status(), run.err());
    assertEquals(DH_KEY, PublicKeyFile.read(out).rootKeyId().toString());
    assertEquals("DH", new ObjectMapper().readTree(Files.readString(out)).get("secretAgreement")
        .asText());
  }

  @Test
  void publicKeyDryRunWritesNothing() {
    Path out = dir.resolve("dry.pub.json");
    CliRun run = CliRun.of(args(connect("admin"), "kds", "public-key", "--out", out.toString(),
        "--sid", "S-1-5-32-544", "--at", "2026-11-25T10:00:00Z", "--dry-run"));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().startsWith("lapsbridge: dry run: would write the group public key of"
        + " root key " + ECDH_KEY + " for SID=S-1-5-32-544, interval ("), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void listAsCsv() {
    CliRun run = CliRun.of(args(connect("reader"), "kds", "list", "--format", "csv"));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().endsWith("\r\n"), run.out());
    String[] lines = run.out().substring(0, run.out().length() - 2).split("\r\n", -1);
    assertEquals(3, lines.length);
    assertEquals("id,version,kdf,kdfHash,secretAgreement,privateKeyLength,publicKeyLength,"
        + "createTime,useStartTime,domainId,keyDataReadable", lines[0]);
    assertTrue(lines[1].startsWith(DH_KEY + ",1,SP800_108_CTR_HMAC,SHA512,DH,512,2048,"
        + "2026-01-01T00:00:00Z,2026-01-01T10:00:00Z,"), lines[1]);
    assertTrue(lines[1].endsWith(",false"), lines[1]);
  }

  @Test
  void aKdsCommandIsRequired() {
    CliRun run = CliRun.of("kds");
    assertEquals(2, run.status());
  }
}
