package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.apply.Applier;
import io.lapsbridge.migration.apply.ApplyListener;
import io.lapsbridge.model.FileTime;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A resume re-checks a computer's actions against an entry that the plan's own later actions
 * may already have written: their values (the plan time, to the tick) are the plan's, not a
 * client's rotation, and must not make an earlier action of the same computer stale (#18 item
 * 2). Applier and GuardedWriter together, on a server with the assertion control ({@link
 * ResumeOwnWritesIT}) and on the ApacheDS stand-in, which has the value guard ({@link
 * ResumeOwnWritesStandInIT}).
 */
abstract class ResumeOwnWritesContract {
  private static final FileTime PLAN_TIME = FileTime.of(Instant.parse("2026-06-01T00:00:00Z"));
  private static final FileTime SEEN = FileTime.of(Instant.parse("2026-06-20T00:00:00Z"));

  /** A writer on the server under test. */
  abstract GuardedWriter writer() throws Exception;

  /** Adds a computer with extra LDIF attribute lines; returns its DN. */
  abstract String computer(String name, String... lines) throws Exception;

  /** Collects outcomes by action id. */
  private static final class Outcomes implements ApplyListener {
    final Map<Integer, String> byId = new TreeMap<>();

    @Override
    public synchronized void finished(List<Finished> results) {
      results.forEach(f -> byId.put(f.id(), f.result().outcome().key() + ": "
          + f.result().reason()));
    }

    @Override
    public void progress(int count) {}

    @Override
    public void workersStillBusy(long seconds) {}

    @Override
    public void done(int count) {}
  }

  private static Map<Integer, String> resume(GuardedWriter writer, List<Action> actions,
      Map<Integer, Journal.Outcome> ended) throws Exception {
    Journal.State state = new Journal.State("plan.json", "sha", ended, ended.keySet(), false);
    Outcomes outcomes = new Outcomes();
    new Applier<>(writer, new Applier.Options(false, 1, 1), actions, Optional.of(state))
        .run(new ByteArrayOutputStream(), outcomes);
    return outcomes.byId;
  }

  private static Action.ForceRotation legacyRotation(String dn) {
    return new Action.ForceRotation(dn, "r", "expire legacy", true, SEEN, PLAN_TIME);
  }

  @Test
  void aMirrorThatFailedIsAppliedBesideItsOwnComputersRotation() throws Exception {
    // An earlier run (before units stopped at their first failure) failed the mirror and then
    // applied the rotation: the legacy expiry is now the plan time.
    String dn = computer("O1", "ms-Mcs-AdmPwd: pw-O1",
        "ms-Mcs-AdmPwdExpirationTime: " + PLAN_TIME.ticks());
    List<Action> actions = List.of(
        new Action.MirrorToWindows(dn, "r", "mirror", SEEN, "Administrator", PLAN_TIME,
            PLAN_TIME),
        legacyRotation(dn));
    try (GuardedWriter writer = writer()) {
      Map<Integer, String> outcomes = resume(writer, actions,
          Map.of(1, Journal.Outcome.FAILED, 2, Journal.Outcome.APPLIED));
      assertTrue(outcomes.get(1).startsWith("applied"), outcomes.toString());
      assertEquals(1, outcomes.size(), outcomes.toString());
      assertTrue(writer.read(dn).windowsMirrorsLegacy());
    }
  }

  @Test
  void aCleanupThatFailedIsAppliedBesideItsOwnComputersWindowsRotation() throws Exception {
    FileTime legacyExpiry = FileTime.of(Instant.parse("2026-04-01T00:00:00Z"));
    String dn = computer("O2", "ms-Mcs-AdmPwd: old",
        "ms-Mcs-AdmPwdExpirationTime: " + legacyExpiry.ticks(),
        "msLAPS-Password: {\"n\":\"Administrator\",\"t\":\"1dce7eb99ec4000\",\"p\":\"new\"}",
        "msLAPS-PasswordExpirationTime: " + PLAN_TIME.ticks());
    List<Action> actions = List.of(
        new Action.CleanupLegacy(dn, "r", "clean", legacyExpiry, SEEN,
            FileTime.of(Instant.parse("2026-04-08T00:00:00Z"))),
        new Action.ForceRotation(dn, "r", "expire cleartext", false, SEEN, PLAN_TIME));
    try (GuardedWriter writer = writer()) {
      Map<Integer, String> outcomes = resume(writer, actions,
          Map.of(1, Journal.Outcome.FAILED, 2, Journal.Outcome.APPLIED));
      assertTrue(outcomes.get(1).startsWith("applied"), outcomes.toString());
      assertFalse(writer.read(dn).legacyPassword());
      assertEquals(PLAN_TIME, writer.read(dn).windowsExpiry());
    }
  }

  @Test
  void anEncryptedMirrorWhoseJournalWasLostIsAlreadyDoneNotStale() throws Exception {
    // Both of the computer's actions landed, then a kill lost their journal lines.
    String dn = computer("O3", "ms-Mcs-AdmPwd: pw-O3",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks());
    String sid = KdsFixture.DOMAIN_ADMINS_SID;
    KdsRootKey root = KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY);
    GroupPublicKey key = GroupPublicKey.derive(root, new SidProtectionDescriptor(sid),
        GkdiInterval.of(PLAN_TIME), "example.com", "example.com");
    List<Action> actions = List.of(
        new Action.MirrorToWindows(dn, "r", "mirror", SEEN, "Administrator", PLAN_TIME,
            PLAN_TIME, sid),
        legacyRotation(dn));
    try (GuardedWriter writer = writer()) {
      writer.encryptMirrorsWith(Map.of(sid, key));
      Map<Integer, String> first = resume(writer, actions, Map.of());
      assertTrue(first.get(1).startsWith("applied") && first.get(2).startsWith("applied"),
          first.toString());

      Map<Integer, String> again = resume(writer, actions, Map.of());
      List<String> kinds = new ArrayList<>();
      again.values().forEach(v -> kinds.add(v.substring(0, v.indexOf(':'))));
      assertEquals(List.of("already-done", "already-done"), kinds, again.toString());
    }
  }

  @Test
  void aClientsRotationBesideTheUnitStillMakesTheMirrorStale() throws Exception {
    FileTime client = FileTime.of(Instant.parse("2026-07-01T00:00:00Z"));
    String dn = computer("O4", "ms-Mcs-AdmPwd: pw-O4",
        "ms-Mcs-AdmPwdExpirationTime: " + client.ticks());
    List<Action> actions = List.of(
        new Action.MirrorToWindows(dn, "r", "mirror", SEEN, "Administrator", PLAN_TIME,
            PLAN_TIME),
        legacyRotation(dn));
    try (GuardedWriter writer = writer()) {
      Map<Integer, String> outcomes = resume(writer, actions,
          Map.of(1, Journal.Outcome.FAILED, 2, Journal.Outcome.APPLIED));
      assertTrue(outcomes.get(1).startsWith("stale: ms-Mcs-AdmPwdExpirationTime changed"),
          outcomes.toString());
      assertFalse(writer.read(dn).windowsPassword());
    }
  }
}
