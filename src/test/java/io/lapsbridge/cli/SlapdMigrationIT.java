package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.directory.Slapd;
import io.lapsbridge.migration.Plan;
import io.lapsbridge.migration.PlanCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate plan} and {@code migrate apply} through the CLI against a real OpenLDAP slapd,
 * as an ordinary account under access control: the golden estate gives the golden plan and end
 * state (as on the stand-in), apply uses the assertion control (no fallback warning), and a
 * client's rotation between plan and apply, or during apply ({@link MigrationConcurrencyIT}'s
 * race), survives.
 */
class SlapdMigrationIT {
  private static final List<String> AUXILIARY = List.of("lapsLegacyComputer",
      "lapsWindowsComputer");
  private static final String FALLBACK_WARNING = "does not support the assertion control";
  private static Slapd slapd;
  private static List<String> migrator;

  @BeforeAll
  static void start() throws Exception {
    Slapd.assumeInstalled();
    slapd = Slapd.start(List.of("laps-all.ldif"), true);
    System.out.println(slapd.startLine());
    migrator = slapd.connect("migrator");
  }

  @AfterAll
  static void stop() {
    if (slapd != null) {
      slapd.close();
    }
  }

  private static CliRun plan(Path rules, String ouDn, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ouDn, "--format",
        "json"));
    args.addAll(List.of(more));
    return CliRun.of(MigrationFixtures.with(migrator, args.toArray(String[]::new)));
  }

  @Test
  void theGoldenMigrationGivesTheGoldenPlanAndEstate(@TempDir Path dir) throws Exception {
    String ou = MigrationFixtures.GOLDEN_OU;
    String ouDn;
    try (LDAPConnection admin = slapd.admin()) {
      ouDn = MigrationFixtures.load(admin, ou, AUXILIARY);
    }
    Path rules = MigrationFixtures.rules(dir, ou);
    Path planFile = dir.resolve("plan.json");
    CliRun plan = plan(rules, ouDn, "--output", planFile.toString());
    assertEquals(0, plan.status(), plan.err());
    assertEquals(MigrationFixtures.resource("estate.expected-plan.json"),
        Files.readString(planFile, StandardCharsets.UTF_8), "the stand-in's golden plan");

    CliRun apply = CliRun.of(MigrationFixtures.with(migrator, "migrate", "apply", "--plan",
        planFile.toString()));
    assertEquals(0, apply.status(), apply.out() + apply.err());
    assertFalse(apply.err().contains(FALLBACK_WARNING), apply.err());
    try (LDAPConnection admin = slapd.admin()) {
      assertEquals(MigrationFixtures.resource("estate.expected.ldif"),
          MigrationFixtures.dump(admin, ouDn, ou), "the stand-in's golden end state");
    }

    Plan second = PlanCodec.read("replan",
        plan(rules, ouDn).out().getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), second.actions(), "planning against the result gives no actions");
  }

  @Test
  void aConcurrentClientRotationIsNeverOverwritten(@TempDir Path dir) throws Exception {
    List<String> dns = MigrationConcurrencyIT.check(dir, new MigrationConcurrencyIT.Estate() {
      @Override
      public String organizationalUnit(String name) throws Exception {
        return slapd.organizationalUnit(name);
      }

      @Override
      public String computer(String ou, String name, String password, String expiry)
          throws Exception {
        return slapd.computerIn(ou, name, "ms-Mcs-AdmPwd: " + password,
            "ms-Mcs-AdmPwdExpirationTime: " + expiry);
      }

      @Override
      public List<String> connect() {
        return migrator;
      }

      @Override
      public LDAPConnection admin() throws Exception {
        return slapd.admin();
      }
    });
    // How many of apply's writes slapd refused by assertion depends on the interleaving.
    int refused = 0;
    for (String dn : dns) {
      refused += (int) slapd.results("MOD", dn).stream().filter(code -> code == 122).count();
    }
    System.out.println("SlapdMigrationIT concurrency: slapd answered assertionFailed to "
        + refused + " of apply's modifies on " + dns.size() + " computers");
  }

  @Test
  void aClientRotationBetweenPlanAndApplyIsSkippedAndSurvives(@TempDir Path dir)
      throws Exception {
    String ou = "MigStale";
    String ouDn;
    try (LDAPConnection admin = slapd.admin()) {
      ouDn = MigrationFixtures.load(admin, ou, AUXILIARY);
    }
    Path planFile = dir.resolve("plan.json");
    CliRun plan = plan(MigrationFixtures.rules(dir, ou), ouDn, "--output", planFile.toString());
    assertEquals(0, plan.status(), plan.err());
    String dn = "cn=LEG-FRESH,ou=Finance," + ouDn;
    assertTrue(plan.out().contains("\"dn\" : \"" + dn + "\""), plan.out());

    // The legacy client rotates after the plan was made: new password, new expiry.
    String rotatedExpiry = "134300000000000000";
    try (LDAPConnection client = slapd.admin()) {
      client.modify(dn, new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd", "client-new"),
          new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwdExpirationTime",
              rotatedExpiry));
    }
    CliRun apply = CliRun.of(MigrationFixtures.with(migrator, "migrate", "apply", "--plan",
        planFile.toString()));
    assertEquals(1, apply.status(), "exit 1: an action went stale\n" + apply.out() + apply.err());
    assertFalse(apply.err().contains(FALLBACK_WARNING), apply.err());
    assertTrue(apply.out().contains("a client rotated"), apply.out());
    // The force rotation went out without a pre-read; the server's assertion check refused it.
    assertTrue(slapd.results("MOD", dn).contains(122), "assertionFailed in slapd's log");
    try (LDAPConnection admin = slapd.admin()) {
      SearchResultEntry entry = admin.getEntry(dn);
      assertEquals("client-new", entry.getAttributeValue("ms-Mcs-AdmPwd"));
      assertEquals(rotatedExpiry, entry.getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
    }
  }
}
