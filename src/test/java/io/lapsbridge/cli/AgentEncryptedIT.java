package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.crypto.DecryptedPassword;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.rotation.LocalAccountPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent run-once} in encrypted mode against the stand-in: the value written decrypts, with
 * the fixture root keys, to the password the local account got; history is kept and trimmed.
 */
class AgentEncryptedIT {
  static final String SID = "S-1-5-21-1000000001-2000000002-3000000003-512";

  private static String ou;
  @TempDir static Path shared;
  private static Path publicKey;
  private static Path rootKeys;
  @TempDir Path temp;
  private FileAccounts accounts;
  private CommandFactory factory;

  @BeforeAll
  static void publishKeys() throws Exception {
    ou = SharedStandIn.organizationalUnit("AgentEncIT");
    Path dir = shared;
    publicKey = dir.resolve("group.pub.json");
    rootKeys = dir.resolve("keys.json");
    CliRun pub = CliRun.of(args(connect("admin"), "kds", "public-key", "--out",
        publicKey.toString(), "--sid", SID));
    assertEquals(0, pub.status(), pub.err());
    CliRun export = CliRun.of(args(connect("admin"), "kds", "export", "--out",
        rootKeys.toString()));
    assertEquals(0, export.status(), export.err());
  }

  @BeforeEach
  void fakeAccounts() throws Exception {
    accounts = FileAccounts.create(temp.resolve("accounts"), "lapsadmin", "initial");
    factory = AgentIT.fakeAgent(accounts, 1);
  }

  static String policy(String principal, int history) {
    return "{\"gpo\": {\"BackupDirectory\": 2, \"AdministratorAccountName\": \"lapsadmin\","
        + (principal == null ? "" : " \"ADPasswordEncryptionPrincipal\": \"" + principal + "\",")
        + " \"ADEncryptedPasswordHistorySize\": " + history + "},"
        + " \"device\": {\"joinState\": \"ad\", \"domainFunctionalLevel\": 2016}}";
  }

  CliRun agent(String computer, String policyJson, String... more) throws Exception {
    Path file = temp.resolve("policy-" + policyJson.hashCode() + ".json");
    Files.writeString(file, policyJson, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("agent", "run-once", "--policy-file",
        file.toString(), "--computer", computer, "--state-dir", temp.resolve("state").toString()));
    args.addAll(List.of(more));
    args.addAll(AgentIT.connection());
    return CliRun.with(factory, args.toArray(String[]::new));
  }

  static SearchResultEntry entry(String dn) throws Exception {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      return admin.getEntry(dn, "*");
    }
  }

  static String decrypt(byte[] value) throws Exception {
    DecryptedPassword decrypted =
        new LapsDecryptor(RootKeyProvider.of(KdsKeyFile.read(rootKeys))).decrypt(value);
    return decrypted.password().reveal();
  }

  @Test
  void encryptedRotationDecryptsToTheLocalPasswordAndKeepsHistory() throws Exception {
    String dn = SharedStandIn.computer(ou, "AE-ROT", "msLAPS-PasswordExpirationTime", "0");
    CliRun first = agent("AE-ROT", policy(null, 1), "--public-key-file", publicKey.toString());
    assertEquals(0, first.status(), first.err());
    assertTrue(first.out().startsWith("rotated: rotated 'lapsadmin'; expires "), first.out());
    String p1 = accounts.password("lapsadmin").orElseThrow();
    assertNotEquals("initial", p1);
    assertFalse(first.err().contains(p1), "no password in the event lines");
    assertTrue(first.err().contains("event=10021 level=info msg=\"policy: Windows LAPS,"
        + " msLAPS-EncryptedPassword (encrypted to " + SID + "; history: 1); backup directory:"
        + " Active Directory; account: 'lapsadmin'"), first.err());
    assertTrue(first.err().contains("event=10018 level=info msg=\"LAPS successfully updated"
        + " Active Directory with the new password (cn=AE-ROT,ou=AgentEncIT,dc=example,dc=com,"
        + " verified by reading back the encrypted value and expiry)\""), first.err());
    SearchResultEntry after1 = entry(dn);
    assertNull(after1.getAttributeValue("msLAPS-Password"), "nothing in clear text");
    assertEquals(p1, decrypt(after1.getAttributeValueBytes("msLAPS-EncryptedPassword")));
    assertFalse(after1.hasAttribute("msLAPS-EncryptedPasswordHistory"));

    CliRun get = CliRun.of(args(connect("admin"), "get-password", "AE-ROT", "--kds-key-file",
        rootKeys.toString()));
    assertEquals(0, get.status(), get.err());
    assertTrue(get.out().contains("Password            : " + p1 + "\n"), get.out());
    assertTrue(get.out().contains("DecryptionStatus    : Success\n"), get.out());

    assertEquals(0, agent("AE-ROT", policy(null, 1), "--force", "--public-key-file",
        publicKey.toString()).status());
    String p2 = accounts.password("lapsadmin").orElseThrow();
    assertEquals(0, agent("AE-ROT", policy(null, 1), "--force", "--public-key-file",
        publicKey.toString()).status());
    String p3 = accounts.password("lapsadmin").orElseThrow();
    SearchResultEntry after3 = entry(dn);
    assertEquals(p3, decrypt(after3.getAttributeValueBytes("msLAPS-EncryptedPassword")));
    byte[][] history = after3.getAttributeValueByteArrays("msLAPS-EncryptedPasswordHistory");
    assertEquals(1, history.length, "trimmed to ADEncryptedPasswordHistorySize");
    assertEquals(p2, decrypt(history[0]));

    CliRun withHistory = CliRun.of(args(connect("admin"), "get-password", "AE-ROT", "--history",
        "--kds-key-file", rootKeys.toString()));
    assertEquals(0, withHistory.status(), withHistory.err());
    assertTrue(withHistory.out().contains("Password            : " + p3 + "\n"));
    assertTrue(withHistory.out().contains("Password            : " + p2 + "\n"));
    assertFalse(withHistory.out().contains(p1), "the oldest entry was dropped");
  }

  @Test
  void historyGrowsUpToItsSizeNewestFirst() throws Exception {
    String dn = SharedStandIn.computer(ou, "AE-HIST", "msLAPS-PasswordExpirationTime", "0");
    List<String> passwords = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CliRun run = agent("AE-HIST", policy(SID, 3), "--force", "--public-key-file",
          publicKey.toString());
      assertEquals(0, run.status(), run.err());
      passwords.add(accounts.password("lapsadmin").orElseThrow());
    }
    SearchResultEntry entry = entry(dn);
    List<String> history = new ArrayList<>();
    for (byte[] value : entry.getAttributeValueByteArrays("msLAPS-EncryptedPasswordHistory")) {
      history.add(decrypt(value));
    }
    history.sort(null);
    List<String> expected = new ArrayList<>(passwords.subList(0, 3));
    expected.sort(null);
    assertEquals(expected, history);
  }

  @Test
  void aKeyForAnotherPrincipalIsRefusedAndNothingIsWritten() throws Exception {
    String dn = SharedStandIn.computer(ou, "AE-SID", "msLAPS-PasswordExpirationTime", "0");
    String other = "S-1-5-21-1000000001-2000000002-3000000003-1105";
    CliRun run = agent("AE-SID", policy(other, 0), "--public-key-file", publicKey.toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().startsWith("refused: ADPasswordEncryptionPrincipal is " + other
        + ", but the public-key file " + publicKey + " encrypts to " + SID + "; publish a file"
        + " for " + other + " ('lapsbridge kds public-key --sid " + other + "')\n"), run.out());
    // The output names the key's source; GetKey was not possible (no RC4 key in a keytab).
    assertTrue(run.out().contains("\npublicKey: published file " + publicKey), run.out());
    assertTrue(run.err().contains("event=19005 level=error msg=\"ADPasswordEncryptionPrincipal"),
        run.err());
    assertEquals("initial", accounts.password("lapsadmin").orElseThrow());
    assertFalse(entry(dn).hasAttribute("msLAPS-EncryptedPassword"));
  }

  @Test
  void aMissingOrAbsentKeyFileIsRefused() throws Exception {
    String dn = SharedStandIn.computer(ou, "AE-NOKEY", "msLAPS-PasswordExpirationTime", "0");
    Path missing = shared.resolve("nope.json");
    CliRun run = agent("AE-NOKEY", policy(null, 0), "--public-key-file", missing.toString());
    assertEquals(1, run.status(), run.err());
    assertEquals("refused: cannot encrypt: the public-key file " + missing + " does not exist or"
        + " is not a file\n", run.out());
    CliRun none = agent("AE-NOKEY", policy(null, 0));
    assertEquals(1, none.status(), none.err());
    assertTrue(none.out().startsWith("refused: the policy asks for encrypted backup"
        + " (msLAPS-EncryptedPassword), but no public-key file is configured"), none.out());
    assertEquals("initial", accounts.password("lapsadmin").orElseThrow());
    assertFalse(entry(dn).hasAttribute("msLAPS-EncryptedPassword"));
  }
}
