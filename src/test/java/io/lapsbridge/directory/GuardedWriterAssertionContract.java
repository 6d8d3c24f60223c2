package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.model.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The RFC 4528 path of {@link GuardedWriter} (mirror, force rotation, cleanup, a stale
 * rotation), run by each server that supports the assertion control: UnboundID's in-memory
 * server ({@link GuardedWriterAssertionIT}) and OpenLDAP slapd ({@link SlapdGuardedWriterIT}).
 */
abstract class GuardedWriterAssertionContract {
  static final FileTime PLAN_TIME = FileTime.of(Instant.parse("2026-06-01T00:00:00Z"));
  static final FileTime SEEN = FileTime.of(Instant.parse("2026-06-20T00:00:00Z"));

  /** A writer on the server under test, which must support the assertion control. */
  abstract GuardedWriter writer() throws Exception;

  /** Adds a computer with extra LDIF attribute lines; returns its DN. */
  abstract String computer(String name, String... lines) throws Exception;

  @Test
  void forceRotationAndMirrorUseTheAssertionControl() throws Exception {
    String dn = computer("A1", "ms-Mcs-AdmPwd: pw-A1",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks());
    try (GuardedWriter writer = writer()) {
      assertTrue(writer.usesAssertionControl());
      io.lapsbridge.migration.apply.ActionResult mirror = writer.perform(new Action.MirrorToWindows(dn, "r", "why",
          SEEN, "Administrator", PLAN_TIME, SEEN), false);
      assertEquals(Journal.Outcome.APPLIED, mirror.outcome(), mirror.reason());
      assertTrue(writer.read(dn).windowsMirrorsLegacy());
      io.lapsbridge.migration.apply.ActionResult rotate = writer.perform(new Action.ForceRotation(dn, "r", "why", true,
          SEEN, PLAN_TIME), false);
      assertEquals(Journal.Outcome.APPLIED, rotate.outcome(), rotate.reason());
      assertEquals(PLAN_TIME, writer.read(dn).legacyExpiry());
      assertEquals(Journal.Outcome.DONE, writer.perform(new Action.ForceRotation(dn, "r", "why",
          true, SEEN, PLAN_TIME), false).outcome());
    }
  }

  @Test
  void cleanupRemovesLegacyOnlyBesideANewerWindowsPassword() throws Exception {
    FileTime legacyExpiry = FileTime.of(Instant.parse("2026-04-01T00:00:00Z"));
    FileTime windowsExpiry = FileTime.of(Instant.parse("2026-06-19T00:00:00Z"));
    String dn = computer("B1", "ms-Mcs-AdmPwd: old",
        "ms-Mcs-AdmPwdExpirationTime: " + legacyExpiry.ticks(),
        "msLAPS-Password: {\"n\":\"Administrator\",\"t\":\"1dce7eb99ec4000\",\"p\":\"new\"}",
        "msLAPS-PasswordExpirationTime: " + windowsExpiry.ticks());
    Action.CleanupLegacy cleanup = new Action.CleanupLegacy(dn, "r", "why", legacyExpiry,
        windowsExpiry, FileTime.of(Instant.parse("2026-04-08T00:00:00Z")));
    try (GuardedWriter writer = writer()) {
      io.lapsbridge.migration.apply.ActionResult result = writer.perform(cleanup, false);
      assertEquals(Journal.Outcome.APPLIED, result.outcome(), result.reason());
      assertFalse(writer.read(dn).legacyPassword());
      assertTrue(writer.read(dn).windowsCleartext());
    }
  }

  @Test
  void aRotationAfterThePlanIsSkippedNotOverwritten() throws Exception {
    FileTime rotated = FileTime.of(Instant.parse("2026-07-15T00:00:00Z"));
    String dn = computer("C1", "ms-Mcs-AdmPwd: client",
        "ms-Mcs-AdmPwdExpirationTime: " + rotated.ticks());
    try (GuardedWriter writer = writer()) {
      io.lapsbridge.migration.apply.ActionResult result = writer.perform(new Action.ForceRotation(dn, "r", "why", true,
          SEEN, PLAN_TIME), false);
      assertEquals(Journal.Outcome.STALE, result.outcome());
      assertTrue(result.reason().endsWith("a client rotated"), result.reason());
      assertEquals(rotated, writer.read(dn).legacyExpiry());
    }
  }
}
