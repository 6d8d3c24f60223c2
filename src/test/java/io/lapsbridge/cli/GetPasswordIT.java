package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.computer;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** get-password against the stand-in, through the real command line. */
class GetPasswordIT {
  private static final String LEGACY_PW = "Leg@cy-Pass-01";
  private static final String WINDOWS_PW = "Wïndows\"Pass\\02";
  private static final String WINDOWS_JSON =
      "{\"n\":\"Administrator\",\"t\":\"1dc5f2a3b4c5d6e\",\"p\":\"Wïndows\\\"Pass\\\\02\"}";
  // 2026-12-01T00:00:00Z as FILETIME
  private static final String EXPIRY = "134405568000000000";
  private static String ou;

  @BeforeAll
  static void estate() throws Exception {
    ou = SharedStandIn.organizationalUnit("GetPasswordIT");
    computer(ou, "GP-LEGACY", "ms-Mcs-AdmPwd", LEGACY_PW, "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    computer(ou, "GP-WINDOWS", "msLAPS-Password", WINDOWS_JSON, "msLAPS-PasswordExpirationTime", EXPIRY);
    computer(ou, "GP-BOTH", "ms-Mcs-AdmPwd", LEGACY_PW, "ms-Mcs-AdmPwdExpirationTime", EXPIRY,
        "msLAPS-Password", WINDOWS_JSON, "msLAPS-PasswordExpirationTime", EXPIRY);
    computer(ou, "GP-NONE");
    computer(ou, "GP-BADJSON", "msLAPS-Password", "{\"n\":\"Administrator\",\"p\":\"Leaky-Secret-9\"}",
        "msLAPS-PasswordExpirationTime", EXPIRY);
    computer(ou, "GP-BADEXPIRY", "ms-Mcs-AdmPwd", LEGACY_PW, "ms-Mcs-AdmPwdExpirationTime", "-42");
    computer(ou, "GP-ENCRYPTED", "msLAPS-PasswordExpirationTime", EXPIRY);
    try (var admin = SharedStandIn.admin()) {
      admin.modify("cn=GP-ENCRYPTED," + ou, new com.unboundid.ldap.sdk.Modification(
          com.unboundid.ldap.sdk.ModificationType.ADD, "msLAPS-EncryptedPassword", new byte[] {1, 2, 3, 4}));
    }
    computer(ou, "GP-BADBLOB", "ms-Mcs-AdmPwd", LEGACY_PW, "ms-Mcs-AdmPwdExpirationTime", EXPIRY,
        "msLAPS-PasswordExpirationTime", EXPIRY);
    try (var admin = SharedStandIn.admin()) {
      admin.modify("cn=GP-BADBLOB," + ou, new com.unboundid.ldap.sdk.Modification(
          com.unboundid.ldap.sdk.ModificationType.ADD, "msLAPS-EncryptedPassword", new byte[] {9, 9}));
    }
    // Two computers that share a cn in different OUs make the short name ambiguous.
    String other = SharedStandIn.organizationalUnit("GetPasswordIT-Twin");
    computer(ou, "GP-TWIN");
    computer(other, "GP-TWIN");
  }

  @Test
  void readerSeesTheLegacyPassword() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "GP-LEGACY"));
    assertEquals(0, run.status(), run.err());
    assertEquals(
        "ComputerName        : GP-LEGACY\n"
            + "DistinguishedName   : cn=GP-LEGACY," + ou + "\n"
            + "Account             : \n"
            + "Password            : " + LEGACY_PW + "\n"
            + "PasswordUpdateTime  : \n"
            + "ExpirationTimestamp : 2026-12-01T00:00:00Z\n"
            + "Source              : LegacyLapsCleartextPassword\n"
            + "DecryptionStatus    : NotApplicable\n"
            + "AuthorizedDecryptor : NotApplicable\n",
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void windowsPasswordComesOutAsJsonWithUtcTimes() throws Exception {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "gp-windows.example.com", "--format", "json"));
    assertEquals(0, run.status(), run.err());
    JsonNode view = new ObjectMapper().readTree(run.out()).get(0);
    assertEquals("GP-WINDOWS", view.get("computer").asText());
    assertEquals("Administrator", view.get("account").asText());
    assertEquals(WINDOWS_PW, view.get("password").asText());
    assertEquals("CleartextPassword", view.get("source").asText());
    assertEquals("2026-12-01T00:00:00Z", view.get("expiration").asText());
    assertTrue(view.get("passwordUpdateTime").asText().endsWith("Z"));
  }

  @Test
  void bothFamiliesGiveTwoViewsAndSourceFilters() throws Exception {
    JsonNode all = new ObjectMapper().readTree(
        CliRun.of(args(connect("reader"), "get-password", "GP-BOTH$", "--format", "json")).out());
    assertEquals(2, all.size());
    CliRun legacy = CliRun.of(args(connect("reader"), "get-password", "GP-BOTH", "--source", "legacy", "--format", "json"));
    JsonNode only = new ObjectMapper().readTree(legacy.out());
    assertEquals(1, only.size());
    assertEquals("LegacyLapsCleartextPassword", only.get(0).get("source").asText());
  }

  @Test
  void findsByDistinguishedName() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "cn=GP-LEGACY," + ou));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains(LEGACY_PW));
  }

  @Test
  void ordinaryUserIsDeniedNotGivenAnEmptyPassword() {
    CliRun run = CliRun.of(args(connect("user"), "get-password", "GP-LEGACY"));
    assertEquals(5, run.status());
    assertEquals("", run.out());
    assertEquals(
        "lapsbridge: access denied: the bind cannot read ms-Mcs-AdmPwd on 'cn=GP-LEGACY," + ou
            + "' (its expiry is readable, so a password is stored)\n",
        run.err());
  }

  @Test
  void unknownComputerIsNotFound() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "NO-SUCH-PC"));
    assertEquals(5, run.status());
    assertEquals(
        "lapsbridge: computer 'NO-SUCH-PC' not found under dc=example,dc=com\n", run.err());
  }

  @Test
  void hostileNamesAreEscapedIntoTheFilter() {
    for (String hostile : new String[] {"*", "GP-*", "*)(cn=*", "GP-LEGACY)(|(cn=*", "\\2a"}) {
      CliRun run = CliRun.of(args(connect("reader"), "get-password", hostile));
      assertEquals(5, run.status(), hostile + ": " + run.out());
      assertEquals(
          "lapsbridge: computer '" + hostile + "' not found under dc=example,dc=com\n", run.err());
    }
  }

  @Test
  void ambiguousNameListsTheCandidates() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "GP-TWIN"));
    assertEquals(5, run.status());
    assertEquals(
        "lapsbridge: computer name 'GP-TWIN' is ambiguous; it matches 2 computers: "
            + "cn=GP-TWIN,ou=GetPasswordIT,dc=example,dc=com; "
            + "cn=GP-TWIN,ou=GetPasswordIT-Twin,dc=example,dc=com (give a DN instead)\n",
        run.err());
  }

  @Test
  void computerWithoutLapsIsNotFound() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "GP-NONE"));
    assertEquals(5, run.status());
    assertEquals(
        "lapsbridge: computer 'GP-NONE' (cn=GP-NONE," + ou + ") has no LAPS password\n", run.err());
  }

  @Test
  void malformedJsonNamesDnAndAttributeButNotThePassword() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "GP-BADJSON"));
    assertEquals(1, run.status());
    assertEquals(
        "lapsbridge: malformed msLAPS-Password on 'cn=GP-BADJSON," + ou
            + "': msLAPS-Password JSON lacks the required key 't'\n",
        run.err());
    assertFalse(run.err().contains("Leaky-Secret-9"));
  }

  @Test
  void malformedExpiryStillShowsThePasswordWarnsAndExitsWithAProblem() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "GP-BADEXPIRY"));
    assertEquals(1, run.status());
    assertTrue(run.out().contains(LEGACY_PW));
    assertEquals(
        "lapsbridge: warning: malformed ms-Mcs-AdmPwdExpirationTime on 'cn=GP-BADEXPIRY," + ou
            + "': FILETIME '-42' is not a decimal number (bad character at 1)\n",
        run.err());
  }

  @Test
  void malformedEncryptedValueIsShownAsMalformedNotHidden() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "GP-ENCRYPTED"));
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().contains("Source              : EncryptedPassword\n"), run.out());
    assertTrue(run.out().contains("DecryptionStatus    : Malformed\n"), run.out());
    assertTrue(run.err().contains("lapsbridge: warning: cannot decrypt msLAPS-EncryptedPassword on"
        + " 'cn=GP-ENCRYPTED," + ou + "': "), run.err());
  }

  @Test
  void aCorruptEncryptedBlobBesideALegacyPasswordIsAProblemNotAPartialFailure() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "GP-BADBLOB", "--offline"));
    assertEquals(1, run.status(), run.out() + run.err());
    assertTrue(run.out().contains(LEGACY_PW), run.out());
    assertTrue(run.out().contains("DecryptionStatus    : Malformed\n"), run.out());
    assertTrue(run.err().contains("lapsbridge: warning: cannot decrypt msLAPS-EncryptedPassword on"
        + " 'cn=GP-BADBLOB," + ou + "': "), run.err());
  }

  @Test
  void inventoryListsEveryRowNamesTheMalformedValuesAndExitsWithAProblem() {
    CliRun run = CliRun.of(args(connect("reader"), "inventory", "--base-dn", ou, "--format",
        "csv", "--as-of", "2026-11-01T00:00:00Z"));
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().contains(",GP-LEGACY,legacy-only,"), run.out());
    assertTrue(run.out().contains(",GP-BADJSON,malformed,unreadable value: msLAPS-Password:"
        + " msLAPS-Password JSON lacks the required key 't',"), run.out());
    assertTrue(run.out().contains(",GP-BADEXPIRY,malformed,unreadable value:"
        + " ms-Mcs-AdmPwdExpirationTime: FILETIME '-42' is not a decimal number"), run.out());
    assertTrue(run.out().contains(",GP-BADBLOB,malformed,\"unreadable value:"
        + " msLAPS-EncryptedPassword: encrypted LAPS value is 2 bytes, shorter than its 16-byte"
        + " header\","), run.out());
    assertTrue(run.err().contains("lapsbridge: 4 computer(s) hold a LAPS value that does not"
        + " follow its format (state 'malformed'); the report names each attribute\n"), run.err());
    assertFalse(run.out().contains(LEGACY_PW), run.out());
  }

  @Test
  void someFoundSomeMissingIsAPartialFailure() {
    CliRun run = CliRun.of(args(connect("reader"), "get-password", "GP-LEGACY", "NO-SUCH-PC"));
    assertEquals(6, run.status());
    assertTrue(run.out().contains(LEGACY_PW));
    assertEquals("lapsbridge: computer 'NO-SUCH-PC' not found under dc=example,dc=com\n", run.err());
  }

  @Test
  void wrongBindPasswordExitsThree() {
    java.util.List<String> options = new java.util.ArrayList<>(connect("reader"));
    options.set(options.indexOf("--bind-password-file") + 1, SharedStandIn.passwordFile("user").toString());
    CliRun run = CliRun.of(args(options, "get-password", "GP-LEGACY"));
    assertEquals(3, run.status());
    assertTrue(run.err().startsWith("lapsbridge: bind as '" + SharedStandIn.READER_DN + "' to ldap://127.0.0.1:"), run.err());
    assertTrue(run.err().contains(" failed: invalid credentials"), run.err());
  }
}
