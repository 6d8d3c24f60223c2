package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link GuardedWriterAssertionContract} on a real OpenLDAP slapd (StartTLS, the shipped
 * OpenLDAP schema file, access control), writing as an ordinary account that access control
 * lets write the LAPS attributes, not as the rootDN. slapd's stats log shows what the server
 * itself answered: assertionFailed (122) for a write the plan's values no longer guard.
 */
class SlapdGuardedWriterIT extends GuardedWriterAssertionContract {
  private static Slapd slapd;

  @BeforeAll
  static void start() throws Exception {
    Slapd.assumeInstalled();
    slapd = Slapd.start(List.of("laps-all.ldif"), true);
    System.out.println(slapd.startLine());
  }

  @AfterAll
  static void stop() {
    if (slapd != null) {
      slapd.close();
    }
  }

  @Override
  GuardedWriter writer() throws Exception {
    return slapd.writer("migrator", 2);
  }

  @Override
  String computer(String name, String... lines) throws Exception {
    return slapd.computer(name, lines);
  }

  @Test
  void aClientRotationBetweenPlanAndApplyFailsTheAssertionOnTheServer() throws Exception {
    String dn = computer("S1", "ms-Mcs-AdmPwd: before-plan",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks());
    Action.ForceRotation planned = new Action.ForceRotation(dn, "r", "why", true, SEEN,
        PLAN_TIME);
    // The plan saw SEEN; then the legacy client rotates, as it would on its own schedule.
    FileTime rotated = FileTime.of(Instant.parse("2026-07-15T00:00:00Z"));
    try (LDAPConnection client = slapd.admin()) {
      client.modify(dn, new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd", "client-new"),
          new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwdExpirationTime",
              Long.toString(rotated.ticks())));
    }
    try (GuardedWriter writer = writer()) {
      assertTrue(writer.usesAssertionControl(), "slapd lists 1.3.6.1.1.12 in its root DSE");
      io.lapsbridge.migration.apply.ActionResult result = writer.perform(planned, false);
      assertEquals(Journal.Outcome.STALE, result.outcome(), result.reason());
      assertEquals("ms-Mcs-AdmPwdExpirationTime changed since the plan (plan saw "
          + SEEN.ticks() + " (2026-06-20T00:00:00Z), now " + rotated.ticks()
          + " (2026-07-15T00:00:00Z)): a client rotated", result.reason());
    }
    // The client's modify succeeded, then ours was refused by the server's assertion check:
    // the modify went out without a pre-read, so only the control can have stopped it.
    assertEquals(List.of(0, 122), slapd.results("MOD", dn), "MOD result codes in slapd's log");
    try (LDAPConnection admin = slapd.admin()) {
      assertEquals("client-new", admin.getEntry(dn).getAttributeValue("ms-Mcs-AdmPwd"));
      assertEquals(Long.toString(rotated.ticks()),
          admin.getEntry(dn).getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
    }
  }

  @Test
  void aForceRotationIsOneAcceptedModifyOnTheServer() throws Exception {
    String dn = computer("S2", "ms-Mcs-AdmPwd: pw-S2",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks(),
        "msLAPS-PasswordExpirationTime: " + SEEN.ticks());
    try (GuardedWriter writer = writer()) {
      io.lapsbridge.migration.apply.ActionResult legacy = writer.perform(new Action.ForceRotation(dn, "r", "why", true,
          SEEN, PLAN_TIME), false);
      assertEquals(Journal.Outcome.APPLIED, legacy.outcome(), legacy.reason());
      io.lapsbridge.migration.apply.ActionResult windows = writer.perform(new Action.ForceRotation(dn, "r", "why",
          false, SEEN, PLAN_TIME), false);
      assertEquals(Journal.Outcome.APPLIED, windows.outcome(), windows.reason());
      assertEquals(PLAN_TIME, writer.read(dn).legacyExpiry());
      assertEquals(PLAN_TIME, writer.read(dn).windowsExpiry());
    }
    assertEquals(List.of(0, 0), slapd.results("MOD", dn), "one accepted MOD per rotation");
  }

  @Test
  void anAccountThatMayWriteButNotReadTheExpiryIsRefusedNotLetThrough() throws Exception {
    // slapd evaluates the assertion with the writer's rights: with the bare =w privilege the
    // filter cannot match, so the write is refused even though the value is the one planned.
    String dn = computer("S3", "ms-Mcs-AdmPwd: pw-S3",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks());
    try (GuardedWriter writer = slapd.writer("writeonly", 1)) {
      io.lapsbridge.migration.apply.ActionResult result = writer.perform(new Action.ForceRotation(dn, "r", "why", true,
          SEEN, PLAN_TIME), false);
      assertEquals(Journal.Outcome.STALE, result.outcome(), result.reason());
      assertEquals("ms-Mcs-AdmPwdExpirationTime changed since the plan (plan saw "
          + SEEN.ticks() + " (2026-06-20T00:00:00Z), now absent): removed, or not readable by"
          + " this account", result.reason());
    }
    assertEquals(List.of(122), slapd.results("MOD", dn), "MOD result codes in slapd's log");
    try (LDAPConnection admin = slapd.admin()) {
      assertEquals(Long.toString(SEEN.ticks()),
          admin.getEntry(dn).getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
    }
  }
}
