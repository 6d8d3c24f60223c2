package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.lapsbridge.security.SecurityDescriptor;
import io.lapsbridge.security.Sddl;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** permissions grant-* and audit against the stand-in, which stores descriptors but does not enforce them. */
class PermissionsIT {
  private static final String DOMAIN = "S-1-5-21-1000000001-2000000002-3000000003";
  private static final String DA = DOMAIN + "-512";
  private static final String READERS = DOMAIN + "-1105";
  private static final String LEGACY_PWD = "8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61";
  private static final String LEGACY_EXP = "3b9e1c47-52d8-4f0a-8e6b-9d2a7c1f4e03";
  private static final String WIN_PWD = "e7c2a9d4-1f36-4b5a-a8c0-6d9e3b2f7a15";
  private static final String WIN_EXP = "5a1f8e3c-9b27-4d6e-b0a4-3c8f2e9d1b76";
  private static final String PROPERTY_SET = "f3531ec6-6330-4f8e-8d39-7a671fbac605";
  private static final String COMPUTER = "bf967a86-0de6-11d0-a285-00aa003049e2";
  private static final String DEFAULT_OU = "O:" + DA + "G:" + DA + "D:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + DA + ")";
  private static String base;
  private static List<String> admin;

  @BeforeAll
  static void setUp() throws Exception {
    base = SharedStandIn.organizationalUnit("PermissionsIT");
    admin = SharedStandIn.connect("admin");
    try (LDAPConnection connection = SharedStandIn.admin()) {
      connection.modify(base, new Modification(ModificationType.ADD, "objectClass", "extensibleObject"));
    }
  }

  private static String ou(String name, String sddl) throws Exception {
    String dn = "ou=" + name + "," + base;
    try (LDAPConnection connection = SharedStandIn.admin()) {
      connection.add(new Entry(dn, new Attribute("objectClass", "top", "organizationalUnit", "extensibleObject"),
          new Attribute("ou", name), new Attribute("nTSecurityDescriptor", Sddl.parse(sddl).toBytes())));
    }
    return dn;
  }

  private static byte[] stored(String dn) throws Exception {
    try (LDAPConnection connection = SharedStandIn.admin()) {
      return connection.getEntry(dn, "nTSecurityDescriptor").getAttributeValueBytes("nTSecurityDescriptor");
    }
  }

  private static String storedSddl(String dn) throws Exception {
    return SecurityDescriptor.fromBytes(stored(dn)).toSddl();
  }

  private static CliRun run(String... command) {
    return CliRun.of(SharedStandIn.args(admin, command));
  }

  @Test
  void theStandInStoresDescriptorsByteForByte() throws Exception {
    String sddl = DEFAULT_OU + "(OA;CIIO;RPCR;" + LEGACY_PWD + ";" + COMPUTER + ";" + READERS + ")S:(OU;CIIOSA;CR;"
        + LEGACY_PWD + ";" + COMPUTER + ";WD)";
    String dn = ou("RoundTrip", sddl);
    assertArrayEquals(Sddl.parse(sddl).toBytes(), stored(dn));
    assertEquals(sddl, storedSddl(dn));
  }

  @Test
  void grantReadWritesTheCmdletAcesForBothFamiliesAndIsIdempotent() throws Exception {
    String dn = ou("Read", DEFAULT_OU);
    CliRun first = run("permissions", "grant-read", "--ou", dn, "--principal", "EXAMPLE\\LAPS Readers");
    assertEquals(0, first.status(), first.err());
    String expected = DEFAULT_OU
        + "(OA;CIIO;RP;" + LEGACY_EXP + ";" + COMPUTER + ";" + READERS + ")"
        + "(OA;CIIO;RPCR;" + LEGACY_PWD + ";" + COMPUTER + ";" + READERS + ")"
        + "(OA;CIIO;RP;" + WIN_EXP + ";" + COMPUTER + ";" + READERS + ")"
        + "(OA;CIIO;RPCR;" + WIN_PWD + ";" + COMPUTER + ";" + READERS + ")"
        + "(OA;CIIO;RPCR;" + PROPERTY_SET + ";" + COMPUTER + ";" + READERS + ")";
    assertEquals(expected, storedSddl(dn));
    assertArrayEquals(Sddl.parse(expected).toBytes(), stored(dn));
    assertEquals(5, first.out().lines().filter(line -> line.startsWith("added\t")).count(), first.out());
    assertEquals("updated the DACL of " + dn + "\n", first.err());

    byte[] before = stored(dn);
    CliRun second = run("permissions", "grant-read", "--ou", dn, "--principal", READERS);
    assertEquals(0, second.status(), second.err());
    assertEquals("nothing to add: every ACE is already present on " + dn + "\n", second.err());
    assertTrue(second.out().lines().allMatch(line -> line.startsWith("present\t")), second.out());
    assertArrayEquals(before, stored(dn));
  }

  @Test
  void grantSelfAndResetMergeMasksLikeDotNet() throws Exception {
    String dn = ou("SelfReset", DEFAULT_OU);
    assertEquals(0, run("permissions", "grant-self", "--ou", dn, "--family", "legacy").status());
    assertEquals(DEFAULT_OU
        + "(OA;CIIO;RPWP;" + LEGACY_EXP + ";" + COMPUTER + ";PS)"
        + "(OA;CIIO;WP;" + LEGACY_PWD + ";" + COMPUTER + ";PS)", storedSddl(dn));
    CliRun reset = run("permissions", "grant-reset", "--ou", dn, "--family", "windows", "--principal",
        "cn=Helen Desk,ou=People,dc=example,dc=com");
    assertEquals(0, reset.status(), reset.err());
    assertTrue(storedSddl(dn).endsWith("(OA;CIIO;RPWP;" + WIN_EXP + ";" + COMPUTER + ";" + DOMAIN + "-1106)"));
    assertTrue(reset.out().contains("EXAMPLE\\helpdesk"), reset.out());
  }

  @Test
  void grantAuditWritesTheSaclAndLeavesTheDaclAlone() throws Exception {
    String dn = ou("Audit", DEFAULT_OU);
    CliRun audit = run("permissions", "grant-audit", "--ou", dn, "--family", "legacy", "--principal", "S-1-1-0");
    assertEquals(0, audit.status(), audit.err());
    assertEquals(DEFAULT_OU + "S:(OU;CIIOSA;CR;" + LEGACY_PWD + ";" + COMPUTER + ";WD)", storedSddl(dn));
    CliRun report = run("permissions", "audit", "--sacl", "--base-dn", dn);
    assertEquals(0, report.status(), report.err());
    assertEquals(dn + "\tou\tlegacy\taudited\tEveryone\tS-1-1-0\taudits success inherited from " + dn + "\n", report.out());
  }

  @Test
  void auditPrintsCsvAndJson() throws Exception {
    String dn = ou("Formats", DEFAULT_OU + "(A;CI;RPCR;;;" + READERS + ")");
    CliRun csv = run("permissions", "audit", "--family", "legacy", "--base-dn", dn, "--format", "csv");
    assertEquals(0, csv.status(), csv.err());
    List<String> lines = List.of(csv.out().split("\r\n"));
    assertEquals("scope,kind,family,access,principal,sid,why", lines.get(0));
    assertTrue(lines.contains("\"" + dn + "\",ou,legacy,read,EXAMPLE\\LAPS Readers," + READERS
        + ",\"All Extended Rights inherited from " + dn + "\""), csv.out());
    CliRun json = run("permissions", "audit", "--family", "legacy", "--base-dn", dn, "--format", "json");
    assertEquals(0, json.status(), json.err());
    assertTrue(json.out().contains("\"principal\" : \"EXAMPLE\\\\LAPS Readers\""), json.out());
  }

  @Test
  void aNullDaclOrAMissingOuIsRefused() throws Exception {
    String dn = ou("NullDacl", "O:BAD:NO_ACCESS_CONTROL");
    byte[] before = stored(dn);
    CliRun refused = run("permissions", "grant-self", "--ou", dn);
    assertEquals(1, refused.status());
    assertEquals("lapsbridge: '" + dn + "' has a NULL DACL (everyone has full access); refusing to replace it"
        + " with LAPS ACEs only\n", refused.err());
    assertArrayEquals(before, stored(dn));
    CliRun missing = run("permissions", "grant-self", "--ou", "ou=Nope," + base);
    assertEquals(5, missing.status(), missing.err());
    assertTrue(missing.err().startsWith("lapsbridge: no entry 'ou=Nope," + base + "'"), missing.err());
  }

  @Test
  void dryRunWritesNothing() throws Exception {
    String dn = ou("Dry", DEFAULT_OU);
    byte[] before = stored(dn);
    CliRun dry = run("permissions", "grant-read", "--ou", dn, "--principal", "svc-backup@example.com", "--dry-run");
    assertEquals(0, dry.status(), dry.err());
    assertTrue(dry.out().lines().allMatch(line -> line.startsWith("would-add\t")), dry.out());
    assertArrayEquals(before, stored(dn));
  }

  @Test
  void aSidStringIsResolvedAsASidByItsObjectSid() throws Exception {
    // #18: any spelling of the SID finds the group by its binary objectSid, not by a name.
    String dn = ou("BySid", DEFAULT_OU);
    CliRun sid = run("permissions", "grant-read", "--ou", dn, "--family", "legacy",
        "--principal", " s-1-5-21-1000000001-2000000002-3000000003-01105 ");
    assertEquals(0, sid.status(), sid.err());
    assertTrue(storedSddl(dn).endsWith("(OA;CIIO;RPCR;" + LEGACY_PWD + ";" + COMPUTER + ";"
        + READERS + ")"), storedSddl(dn));
    assertTrue(sid.out().contains("EXAMPLE\\LAPS Readers"), sid.out());
    CliRun unknown = run("permissions", "grant-read", "--ou", dn, "--principal", DOMAIN + "-9999");
    assertEquals(5, unknown.status());
    assertEquals("lapsbridge: principal '" + DOMAIN + "-9999': no object has this objectSid under"
        + " dc=example,dc=com\n", unknown.err());
  }

  @Test
  void principalsThatDoNotResolveExitFive() {
    CliRun isolated = run("permissions", "grant-read", "--ou", base, "--principal", "LAPS Readers");
    assertEquals(5, isolated.status());
    assertEquals("lapsbridge: principal 'LAPS Readers' is an isolated name; give DOMAIN\\name, name@domain, a SID or a DN\n",
        isolated.err());
    CliRun foreign = run("permissions", "grant-read", "--ou", base, "--principal", "OTHER\\helpdesk");
    assertEquals(5, foreign.status());
    assertEquals("lapsbridge: principal 'OTHER\\helpdesk': domain 'OTHER' is not this domain (EXAMPLE)\n", foreign.err());
    CliRun self = run("permissions", "grant-self", "--ou", base, "--principal", "EXAMPLE\\helpdesk");
    assertEquals(2, self.status());
  }

  @Test
  void auditFindsTheGoldenCasesOfTheFixture() {
    CliRun audit = run("permissions", "audit", "--family", "legacy", "--base-dn", "ou=Computers,dc=example,dc=com");
    assertEquals(0, audit.status(), audit.err());
    List<String> lines = audit.out().lines().toList();
    String computers = "ou=Computers,dc=example,dc=com";
    String servers = "ou=Servers,ou=Computers,dc=example,dc=com";
    String kiosks = "ou=Kiosks,ou=Computers,dc=example,dc=com";
    String special = "cn=SRV-SPECIAL,ou=Servers,ou=Computers,dc=example,dc=com";
    // The hidden All Extended Rights holder, readable thanks to Authenticated Users' read.
    assertTrue(lines.contains(computers + "\tou\tlegacy\tread\tEXAMPLE\\svc-backup\t" + DOMAIN
        + "-1108\tAll Extended Rights inherited from " + computers
        + "; read all properties via NT AUTHORITY\\Authenticated Users inherited from dc=example,dc=com"), audit.out());
    // A grant inherited from the domain root.
    assertTrue(lines.contains(computers + "\tou\tlegacy\tread\tEXAMPLE\\Domain LAPS Auditors\t" + DOMAIN
        + "-1109\tcontrol access on ms-Mcs-AdmPwd inherited from dc=example,dc=com"
        + "; read all properties via NT AUTHORITY\\Authenticated Users inherited from dc=example,dc=com"), audit.out());
    // The deny on Servers overrides it; blocked inheritance on Kiosks removes both.
    assertFalse(lines.stream().anyMatch(line -> line.startsWith(servers + "\t") && line.contains("Domain LAPS Auditors")), audit.out());
    assertFalse(lines.stream().anyMatch(line -> line.startsWith(kiosks + "\t") && line.contains("svc-backup")), audit.out());
    assertTrue(lines.stream().anyMatch(line -> line.startsWith(servers + "\t") && line.contains("svc-backup")), audit.out());
    // A computer with its own explicit grant.
    assertTrue(lines.contains(special + "\tcomputer\tlegacy\tread\tEXAMPLE\\ursula\t" + DOMAIN
        + "-1107\tcontrol access on ms-Mcs-AdmPwd explicit on " + special), audit.out());
    // Blocked inheritance leaves only Domain Admins (read and escalation) in Kiosks.
    assertEquals(2, lines.stream().filter(line -> line.startsWith(kiosks + "\t")).count(), audit.out());
    // Domain Admins hold Full Control through the computer class default descriptor (parsed with
    // the domain SID for its DA alias): readers, and an escalation path.
    assertTrue(lines.contains(kiosks + "\tou\tlegacy\tescalation\tEXAMPLE\\Domain Admins\t" + DA
        + "\tWriteDACL (can grant itself read) explicit on the computer class defaultSecurityDescriptor"),
        audit.out());
    assertTrue(Arrays.stream(audit.out().split("\n")).noneMatch(line -> line.contains("PermissionsIT")));
  }
}
