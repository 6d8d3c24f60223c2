package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.computer;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** reset-password moves expiries and never touches a stored password. */
class ResetPasswordIT {
  private static final String JSON = "{\"n\":\"Administrator\",\"t\":\"1dc5f2a3b4c5d6e\",\"p\":\"keep-me\"}";
  private static final String FAR = "134090208000000000";
  private static String ou;

  @BeforeAll
  static void estate() throws Exception {
    ou = SharedStandIn.organizationalUnit("ResetPasswordIT");
    computer(ou, "RP-LEGACY", "ms-Mcs-AdmPwd", "keep-me-too", "ms-Mcs-AdmPwdExpirationTime", FAR);
    computer(ou, "RP-BOTH", "ms-Mcs-AdmPwd", "keep-me-too", "ms-Mcs-AdmPwdExpirationTime", FAR,
        "msLAPS-Password", JSON, "msLAPS-PasswordExpirationTime", FAR);
    computer(ou, "RP-DRY", "ms-Mcs-AdmPwd", "x", "ms-Mcs-AdmPwdExpirationTime", FAR);
    computer(ou, "RP-NONE");
  }

  private static Entry entry(String name) throws Exception {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      return admin.getEntry("cn=" + name + "," + ou, "*");
    }
  }

  @Test
  void resetsOnlyTheFamilyInUseAndKeepsThePassword() throws Exception {
    CliRun run = CliRun.of(args(connect("reader"), "reset-password", "RP-LEGACY", "--when", "2026-01-02T03:04:05Z"));
    assertEquals(0, run.status(), run.err());
    assertEquals("RP-LEGACY\tms-Mcs-AdmPwdExpirationTime\t2026-01-02T03:04:05Z\n", run.out());
    Entry entry = entry("RP-LEGACY");
    assertEquals("134117966450000000", entry.getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
    assertEquals("keep-me-too", entry.getAttributeValue("ms-Mcs-AdmPwd"));
    assertNull(entry.getAttributeValue("msLAPS-PasswordExpirationTime"));
  }

  @Test
  void resetsBothFamiliesWhenBothAreInUse() throws Exception {
    CliRun run = CliRun.of(args(connect("reader"), "reset-password", "RP-BOTH", "--when", "2026-01-02T03:04:05Z"));
    assertEquals(0, run.status(), run.err());
    Entry entry = entry("RP-BOTH");
    assertEquals("134117966450000000", entry.getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
    assertEquals("134117966450000000", entry.getAttributeValue("msLAPS-PasswordExpirationTime"));
    assertEquals(JSON, entry.getAttributeValue("msLAPS-Password"));
  }

  @Test
  void dryRunWritesNothing() throws Exception {
    CliRun run = CliRun.of(args(connect("reader"), "reset-password", "RP-DRY", "--dry-run"));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("(dry run) RP-DRY\tms-Mcs-AdmPwdExpirationTime\t"), run.out());
    assertEquals(FAR, entry("RP-DRY").getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
  }

  @Test
  void ordinaryUserMayNotReset() throws Exception {
    CliRun run = CliRun.of(args(connect("user"), "reset-password", "RP-DRY"));
    assertEquals(5, run.status());
    assertTrue(run.err().startsWith("lapsbridge: access denied: modify on 'cn=RP-DRY," + ou
        + "' attribute ms-Mcs-AdmPwdExpirationTime: insufficient access rights (50)"), run.err());
    assertEquals(FAR, entry("RP-DRY").getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
  }

  @Test
  void computerWithoutLapsNeedsAnExplicitFamily() throws Exception {
    CliRun run = CliRun.of(args(connect("reader"), "reset-password", "RP-NONE"));
    assertEquals(5, run.status());
    assertEquals("lapsbridge: computer 'RP-NONE' has no LAPS attributes; pass --family to choose"
        + " which expiry to set\n", run.err());
    CliRun forced = CliRun.of(args(connect("admin"), "reset-password", "RP-NONE", "--family", "windows",
        "--when", "2026-01-02T03:04:05Z"));
    assertEquals(0, forced.status(), forced.err());
    assertEquals("134117966450000000", entry("RP-NONE").getAttributeValue("msLAPS-PasswordExpirationTime"));
  }
}
