package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * get-password decrypting the stand-in's encrypted fixtures (made by our encryptor at start):
 * keys from the directory with a privileged bind, or from a kds export file for a LAPS reader.
 */
class GetPasswordEncryptedIT {
  private static final String DA_SID = "S-1-5-21-1000000001-2000000002-3000000003-512";
  private static final String WS01 = "cn=ENC-WS-01,ou=Workstations,ou=Computers,dc=example,dc=com";

  @TempDir static Path dir;
  private static Path keyFile;

  @BeforeAll
  static void export() {
    keyFile = dir.resolve("kds.json");
    CliRun run = CliRun.of(args(connect("admin"), "kds", "export", "--out", keyFile.toString()));
    assertEquals(0, run.status(), run.err());
  }

  private static JsonNode json(CliRun run) throws Exception {
    return new ObjectMapper().readTree(run.out());
  }

  private static List<String> field(JsonNode views, String name) {
    List<String> values = new ArrayList<>();
    views.forEach(v -> values.add(v.get(name).isNull() ? null : v.get(name).asText()));
    return values;
  }

  @Test
  void privilegedBindDecryptsWithKeysFromTheDirectory() {
    CliRun run = CliRun.of(args(connect("admin"), "get-password", "ENC-WS-01"));
    assertEquals(0, run.status(), run.err());
    assertEquals(
        "ComputerName        : ENC-WS-01\n"
            + "DistinguishedName   : " + WS01 + "\n"
            + "Account             : Administrator\n"
            + "Password            : Enc-Current-Pw-01\n"
            + "PasswordUpdateTime  : 2026-11-20T08:00:00Z\n"
            + "ExpirationTimestamp : 2026-12-20T08:00:00Z\n"
            + "Source              : EncryptedPassword\n"
            + "DecryptionStatus    : Success\n"
            + "AuthorizedDecryptor : Domain Admins\n",
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void historyComesNewestFirstWithoutExpiry() throws Exception {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "ENC-WS-01", "--history",
        "--kds-key-file", keyFile.toString(), "--format", "json"));
    assertEquals(0, run.status(), run.err());
    JsonNode views = json(run);
    assertEquals(List.of("Enc-Current-Pw-01", "Enc-History-Pw-02", "Enc-History-Pw-03"),
        field(views, "password"));
    assertEquals(List.of("EncryptedPassword", "EncryptedPasswordHistory", "EncryptedPasswordHistory"),
        field(views, "source"));
    assertEquals(java.util.Arrays.asList("2026-12-20T08:00:00Z", null, null),
        field(views, "expiration"));
    assertEquals(List.of(DA_SID, DA_SID, DA_SID), field(views, "authorizedDecryptorSid"));
    assertEquals(List.of("Success", "Success", "Success"), field(views, "decryptionStatus"));
  }

  @Test
  void oneFailingValueDoesNotStopTheOthers() throws Exception {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "ENC-WS-02", "--history",
        "--kds-key-file", keyFile.toString(), "--format", "json"));
    assertEquals(6, run.status(), run.err());
    JsonNode views = json(run);
    assertEquals(java.util.Arrays.asList("Enc-Ecdh-Pw-04", null, null), field(views, "password"));
    assertEquals(List.of("Success", "Damaged", "RootKeyNotFound"), field(views, "decryptionStatus"));
    // Header time and descriptor are readable without a key, as Get-LapsADPassword shows them.
    assertEquals(List.of("2026-11-22T13:30:00Z", "2026-10-23T13:30:00Z", "2026-09-23T13:30:00Z"),
        field(views, "passwordUpdateTime"));
    assertEquals(List.of("LAPS Readers", "LAPS Readers", "LAPS Readers"),
        field(views, "authorizedDecryptor"));
    String dn = "cn=ENC-WS-02,ou=Workstations,ou=Computers,dc=example,dc=com";
    assertEquals(
        "lapsbridge: warning: cannot decrypt msLAPS-EncryptedPasswordHistory value 1 of 2 on '" + dn
            + "': AES-GCM tag mismatch: the encrypted content is damaged\n"
            + "lapsbridge: warning: cannot decrypt msLAPS-EncryptedPasswordHistory value 2 of 2 on '"
            + dn + "': no KDS root key 0badc0de-0000-4000-8000-00000000dead is available\n",
        run.err());
    assertFalse(run.out().contains("Enc-Damaged-Pw-05") || run.err().contains("Enc-Damaged-Pw-05"));
  }

  @Test
  void dsrmPasswordAndHistoryOfADomainController() throws Exception {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "DC1", "--dsrm",
        "--kds-key-file", keyFile.toString(), "--format", "json"));
    assertEquals(0, run.status(), run.err());
    JsonNode views = json(run);
    assertEquals(List.of("Enc-Dsrm-Pw-07", "Enc-Dsrm-History-Pw-08"), field(views, "password"));
    assertEquals(List.of("EncryptedDSRMPassword", "EncryptedDSRMPasswordHistory"),
        field(views, "source"));
  }

  @Test
  void csvHasOneRowPerValue() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "DC1", "--dsrm",
        "--kds-key-file", keyFile.toString(), "--format", "csv"));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().endsWith("\r\n"), run.out());
    String[] lines = run.out().substring(0, run.out().length() - 2).split("\r\n", -1);
    assertEquals(3, lines.length, run.out());
    assertEquals("computer,dn,account,password,passwordUpdateTime,expiration,source,"
        + "decryptionStatus,authorizedDecryptor,authorizedDecryptorSid", lines[0]);
    assertEquals("DC1,\"cn=DC1,ou=Domain Controllers,dc=example,dc=com\",Administrator,"
        + "Enc-Dsrm-History-Pw-08,2026-10-19T06:00:00Z,,EncryptedDSRMPasswordHistory,Success,"
        + "Domain Admins," + DA_SID, lines[2]);
  }

  @Test
  void withoutDsrmADomainControllerSaysWhatToAdd() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "DC1"));
    assertEquals(5, run.status());
    assertEquals("lapsbridge: computer 'DC1' (cn=DC1,ou=Domain Controllers,dc=example,dc=com) has"
        + " no LAPS password (it holds an encrypted DSRM password: add --dsrm)\n", run.err());
  }

  @Test
  void readerWithoutKeysSeesUnauthorizedWithHeaderFacts() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "ENC-WS-02", "--offline"));
    assertEquals(5, run.status());
    assertEquals(
        "ComputerName        : ENC-WS-02\n"
            + "DistinguishedName   : cn=ENC-WS-02,ou=Workstations,ou=Computers,dc=example,dc=com\n"
            + "Account             : \n"
            + "Password            : \n"
            + "PasswordUpdateTime  : 2026-11-22T13:30:00Z\n"
            + "ExpirationTimestamp : 2026-12-20T08:00:00Z\n"
            + "Source              : EncryptedPassword\n"
            + "DecryptionStatus    : Unauthorized\n"
            + "AuthorizedDecryptor : LAPS Readers\n"
            + "Note                : no KDS root key: give --kds-key-file or bind as a KDS root key"
            + " reader\n",
        run.out());
    assertTrue(run.err().startsWith("lapsbridge: warning: cannot decrypt: access denied: '"
        + SharedStandIn.READER_DN + "' cannot read msKds-RootKeyData"), run.err());
  }

  @Test
  void ordinaryUserCannotReadEncryptedAttributes() {
    CliRun run = CliRun.of(args(connect("user"), "get-password", "ENC-WS-01", "--kds-key-file",
        keyFile.toString()));
    assertEquals(5, run.status());
    assertEquals("", run.out());
    assertEquals("lapsbridge: access denied: the bind cannot read msLAPS-Password or"
        + " msLAPS-EncryptedPassword on '" + WS01
        + "' (its expiry is readable, so a password is stored)\n", run.err());
  }

  @Test
  void aKeyFileThatIsNotOneIsAUsageError() throws Exception {
    Path bogus = Files.writeString(dir.resolve("bogus.json"), "{\"format\":\"something-else\",\"version\":1}");
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "ENC-WS-01", "--kds-key-file",
        bogus.toString()));
    assertEquals(2, run.status());
    assertEquals("lapsbridge: " + bogus + ": is not a 'lapsbridge-kds-root-keys' file (format is"
        + " 'something-else')\n", run.err());
  }

  @Test
  void secretsNeverReachStderrOrTheKeyList() throws Exception {
    String keyData = new ObjectMapper().readTree(Files.readString(keyFile))
        .get("keys").get(0).get("rootKeyData").asText();
    CliRun list = CliRun.of(args(connect("admin"), "kds", "list"));
    CliRun get = CliRun.of(args(connect("admin"), "get-password", "ENC-WS-02", "--history"));
    assertEquals(0, list.status(), list.err());
    assertEquals(6, get.status(), get.err());
    assertTrue(get.out().contains("Enc-Ecdh-Pw-04"));
    for (String text : List.of(list.out(), list.err(), get.err())) {
      assertFalse(text.contains(keyData));
    }
    assertFalse(get.err().contains("Enc-Ecdh-Pw-04"));
  }
}
