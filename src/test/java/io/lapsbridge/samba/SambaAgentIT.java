package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.lapsbridge.wire.LittleEndianReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device agent on a real AD: after {@code permissions grant-self}, {@code agent run-once}
 * binds as the computer with its keytab (GSSAPI), rotates a local account that {@code useradd}
 * just created, and stores the password in legacy emulation, Windows LAPS cleartext, and
 * encrypted to Domain Admins with Samba's own KDS root key ({@code kds public-key}); the
 * encrypted value decrypts offline after {@code kds export}. Each transport Samba 4.22 accepts
 * by default is used: sealed plain LDAP, LDAPS and StartTLS (both with channel bindings).
 */
class SambaAgentIT {
  @TempDir static Path files;
  private static SambaDc dc;
  private static String ou;
  private static String domainAdmins;
  private static Path publicKey;
  private static Path rootKeys;
  private static LocalUser local;

  @BeforeAll
  static void delegateAndPublishTheKey() throws Exception {
    LocalUser.assumePossible();
    dc = SambaDc.shared();
    assertEquals(0, LapsSchema.extend(dc).status(), LapsSchema.extend(dc).transcript());
    ou = Forest.ou(dc, "AgentIT");
    Account admin = dc.administrator();
    Cli grant = Cli.run(admin.connect(dc), "permissions", "grant-self", "--ou", ou);
    assertEquals(0, grant.status(), grant.transcript());
    domainAdmins = domainSid() + "-512";
    publicKey = files.resolve("group.pub.json");
    Cli pub = Cli.run(admin.connect(dc), "kds", "public-key", "--out", publicKey.toString(),
        "--sid", domainAdmins);
    assertEquals(0, pub.status(), pub.transcript());
    rootKeys = files.resolve("root-keys.json");
    Cli export = Cli.run(admin.connect(dc), "kds", "export", "--out", rootKeys.toString());
    assertEquals(0, export.status(), export.transcript());
    local = LocalUser.create();
    // As the packaging README says to create it: no password yet (#13 item 4).
    assertTrue(local.shadowField().startsWith("!"), "useradd leaves no password");
  }

  @AfterAll
  static void deleteLocalUser() throws Exception {
    if (local != null) {
      local.delete();
    }
  }

  static String domainSid() throws Exception {
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      return LittleEndianReader.sidOf(admin.getEntry(SambaDc.BASE, "objectSid")
          .getAttributeValueBytes("objectSid")).toString();
    }
  }

  @Test
  void legacyEmulationOverSealedPlainLdap() throws Exception {
    Account computer = Forest.computer(dc, "AG-LEG", ou);
    String policy = "{\"legacyGpo\": {\"AdmPwdEnabled\": 1, \"AdminAccountName\": \""
        + local.name() + "\", \"PasswordComplexity\": 4, \"PasswordLength\": 20},"
        + " \"device\": {\"joinState\": \"ad\"}}";
    Cli run = agent(computer, policy, List.of("--insecure"));
    assertEquals(0, run.status(), run.transcript());
    String password = readAsAdministrator("AG-LEG");
    assertTrue(local.hasPassword(password), "the directory holds the local password");
    assertFalse(run.transcript().contains(password), "no password in the agent's output");
    assertNull(entry(computer).getAttributeValue("msLAPS-Password"));
  }

  @Test
  void windowsCleartextOverLdapsWithChannelBindings() throws Exception {
    Account computer = Forest.computer(dc, "AG-WIN", ou);
    String policy = "{\"gpo\": {\"BackupDirectory\": 2, \"ADPasswordEncryptionEnabled\": 0,"
        + " \"AdministratorAccountName\": \"" + local.name() + "\", \"PasswordAgeDays\": 7},"
        + " \"device\": {\"joinState\": \"ad\", \"domainFunctionalLevel\": 2016}}";
    Cli run = agent(computer, policy, List.of("--ldaps"));
    assertEquals(0, run.status(), run.transcript());
    String password = readAsAdministrator("AG-WIN");
    assertTrue(local.hasPassword(password), "the directory holds the local password");
    assertFalse(run.transcript().contains(password), "no password in the agent's output");
    assertTrue(entry(computer).getAttributeValue("msLAPS-Password").contains("\"n\":\""
        + local.name() + "\""));
    // Samba 4.22 has no LAPS schema of its own; `schema extend` adds
    // msLAPS-CurrentPasswordVersion with the rest, so the agent (bound as the computer, with the
    // SELF grant on the property set) writes it: 16 bytes, a version-4 GUID.
    byte[] version = entry(computer).getAttributeValueBytes("msLAPS-CurrentPasswordVersion");
    assertTrue(version != null && version.length == 16, "a binary GUID is stored");
    assertEquals(4, io.lapsbridge.wire.WindowsGuid.decode(version).version());
  }

  @Test
  void encryptedWithSambasRootKeyOverStartTlsDecryptsOffline() throws Exception {
    Account computer = Forest.computer(dc, "AG-ENC", ou);
    String policy = "{\"gpo\": {\"BackupDirectory\": 2, \"AdministratorAccountName\": \""
        + local.name() + "\", \"ADPasswordEncryptionPrincipal\": \"" + domainAdmins + "\","
        + " \"ADEncryptedPasswordHistorySize\": 2},"
        + " \"device\": {\"joinState\": \"ad\", \"domainFunctionalLevel\": 2016}}";
    Cli run = agent(computer, policy, List.of("--start-tls", "--public-key-file",
        publicKey.toString()));
    assertEquals(0, run.status(), run.transcript());
    Entry entry = entry(computer);
    assertNull(entry.getAttributeValue("msLAPS-Password"), "nothing in clear text");
    byte[] encrypted = entry.getAttributeValueBytes("msLAPS-EncryptedPassword");

    Cli get = Cli.run(dc.administrator().connect(dc), "get-password", "AG-ENC",
        "--kds-key-file", rootKeys.toString());
    assertEquals(0, get.status(), get.transcript());
    assertTrue(get.out().contains("DecryptionStatus    : Success\n"), get.out());
    String password = passwordIn(get.out());
    assertTrue(local.hasPassword(password), "decrypts to the local password");
    assertFalse(run.transcript().contains(password), "no password in the agent's output");

    Cli decrypt = Cli.run("decrypt", "--kds-key-file", rootKeys.toString(),
        Base64.getEncoder().encodeToString(encrypted));
    assertEquals(0, decrypt.status(), decrypt.transcript());
    assertTrue(decrypt.out().contains(password), "offline decryption of the stored value");
  }

  private Cli agent(Account computer, String policyJson, List<String> transport)
      throws Exception {
    Path policy = files.resolve(computer.name().replace("$", "") + "-policy.json");
    Files.writeString(policy, policyJson, StandardCharsets.UTF_8);
    Path keytab = Forest.keytab(dc, computer);
    List<String> args = new ArrayList<>(List.of("agent", "run-once", "--policy-file",
        policy.toString(), "--computer", computer.name().replace("$", ""), "--account",
        local.name(), "--state-dir", files.resolve("state").toString(), "--server",
        SambaDc.HOST, "--trust-store", dc.certificate().toString(), "--keytab",
        keytab.toString(), "--principal", computer.name(), "--realm", SambaDc.REALM, "--kdc",
        SambaDc.HOST));
    args.addAll(transport);
    return Cli.run(args.toArray(String[]::new));
  }

  private static String readAsAdministrator(String computer) {
    Cli get = Cli.run(dc.administrator().connect(dc), "get-password", computer);
    assertEquals(0, get.status(), get.transcript());
    return passwordIn(get.out());
  }

  private static String passwordIn(String out) {
    Matcher m = Pattern.compile("Password            : (.*)\n").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  private static Entry entry(Account computer) throws Exception {
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      return admin.getEntry(computer.dn(), "*");
    }
  }
}
