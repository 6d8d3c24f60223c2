package io.lapsbridge.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.FileTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Out-of-date mirrors: the mark, classification, planning, the verdicts and the plan codec. */
class MirrorRefreshTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final Classifier CLASSIFIER = new Classifier(AS_OF, Thresholds.DEFAULTS);
  private static final String DN = "cn=S,ou=Sales,dc=example,dc=com";
  private static final String RULES = "version: 1\nrules:\n"
      + "  - name: sales\n    scope: {subtree: \"ou=Sales,dc=example,dc=com\"}\n"
      + "    target: side-by-side\n    mirror: true\n";

  private static FileTime at(String day) {
    return FileTime.of(Instant.parse(day + "T00:00:00Z"));
  }

  /** Legacy and cleartext Windows LAPS; {@code same}: the adapter found equal passwords. */
  private static ComputerSnapshot both(String legacyExpiry, String t, String windowsExpiry,
      boolean same, String account) {
    return new ComputerSnapshot(DN, "S", true, at(legacyExpiry), true, at(t), at(windowsExpiry),
        false, same, List.of(), account);
  }

  /** The mirror was copied on 2026-05-03 (t = expiry); the legacy client rotated on 05-30. */
  private static ComputerSnapshot outOfDate() {
    return both("2026-06-29", "2026-05-03", "2026-05-03", false, "Administrator");
  }

  private static Plan plan(String rules, ComputerSnapshot... computers) {
    Planner planner = new Planner(Rules.parse("rules.yaml", rules.getBytes(StandardCharsets.UTF_8)),
        CLASSIFIER, false, Map.of());
    for (ComputerSnapshot c : computers) {
      planner.accept(c);
    }
    return planner.plan();
  }

  @Test
  void theMarkIsExpiryEqualToTheUpdateTime() {
    assertTrue(Mirrors.marked(outOfDate()));
    assertTrue(Mirrors.outOfDate(outOfDate()));
    // A client writes its expiry as update time + PasswordAgeDays.
    ComputerSnapshot client = both("2026-06-29", "2026-05-30", "2026-06-29", false,
        "Administrator");
    assertFalse(Mirrors.marked(client));
    assertFalse(Mirrors.isMirror(client));
    // An encrypted password is always a client's.
    ComputerSnapshot encrypted = new ComputerSnapshot(DN, "S", true, at("2026-06-29"), true,
        at("2026-05-03"), at("2026-05-03"), true, false, List.of(), "Administrator");
    assertFalse(Mirrors.marked(encrypted));
    // A current mirror is one by password equality, mark or not.
    assertTrue(Mirrors.isMirror(both("2026-06-20", "2026-05-03", "2026-06-20", true, "A")));
    assertFalse(Mirrors.outOfDate(both("2026-06-20", "2026-05-03", "2026-05-03", true, "A")));
  }

  @Test
  void anOutOfDateMirrorIsSideBySideNotAConflictAndJudgedOnTheLegacyExpiry() {
    // Legacy written about 2026-05-30 (after the mirror's t), and the mirror's own expiry
    // (its copy time) is a month past: neither conflict nor stale.
    State state = CLASSIFIER.classify(outOfDate());
    assertEquals("side-by-side", state.key());
    assertEquals("both families; msLAPS-Password is an out-of-date mirror (the legacy client"
        + " rotated since the copy)", state.detail());
    // The same times without the mark: a client's write, and two clients are active.
    ComputerSnapshot client = both("2026-06-29", "2026-05-30", "2026-06-29", false,
        "Administrator");
    assertEquals("conflict", CLASSIFIER.classify(client).key());
    // A current mirror whose expiry (the copy time) passed long ago is judged on legacy.
    assertEquals("both families; msLAPS-Password mirrors the legacy password",
        CLASSIFIER.classify(both("2026-06-20", "2026-04-01", "2026-04-01", true, "A")).detail());
  }

  @Test
  void planRefreshesAnOutOfDateMirrorAndRoundTripsThroughTheCodec() {
    Plan plan = plan(RULES, outOfDate());
    assertEquals(1, plan.actions().size());
    Action.RefreshMirror refresh = (Action.RefreshMirror) plan.actions().get(0);
    assertEquals("mirror-refresh", refresh.kind());
    assertEquals(at("2026-06-29"), refresh.seenLegacyExpiry());
    assertEquals(at("2026-05-03"), refresh.seenUpdated());
    assertEquals("Administrator", refresh.account());
    assertEquals(FileTime.of(AS_OF), refresh.updated());
    assertEquals("the legacy client rotated since the mirror of 2026-05-03T00:00:00Z: copy the"
        + " current legacy password into msLAPS-Password", refresh.reason());
    assertEquals(List.of(), plan.flags());
    byte[] bytes = PlanCodec.write(plan);
    String json = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"kind\" : \"mirror-refresh\""), json);
    assertTrue(json.contains("\"seenUpdated\" : \"" + at("2026-05-03").ticks() + "\""), json);
    assertEquals(refresh, PlanCodec.read("plan.json", bytes).actions().get(0));
  }

  @Test
  void aClientWriteIsNeverRefreshed() {
    // Same passwords-differ situation, no mark: nothing is planned over it.
    ComputerSnapshot client = both("2026-06-20", "2026-05-20", "2026-06-19", false,
        "Administrator");
    Plan plan = plan(RULES, client);
    assertEquals(List.of(), plan.actions());
    assertEquals("side-by-side", CLASSIFIER.classify(client).key());
  }

  @Test
  void refusalsAreFlaggedForAPerson() {
    Plan otherAccount = plan(RULES,
        both("2026-06-29", "2026-05-03", "2026-05-03", false, "LapsAdmin"));
    assertEquals(List.of(), otherAccount.actions());
    assertEquals("out-of-date mirror not refreshed: msLAPS-Password carries the mirror mark but"
        + " names account 'LapsAdmin', not the rule's 'Administrator'",
        otherAccount.flags().get(0).reason());
    Plan noRotation = plan(RULES,
        both("2026-05-02", "2026-05-03", "2026-05-03", false, "Administrator"));
    assertEquals(List.of(), noRotation.actions());
    assertTrue(noRotation.flags().get(0).reason().endsWith("so no legacy rotation explains the"
        + " difference"), noRotation.flags().get(0).reason());
  }

  @Test
  void aWindowsTargetRefreshesAndStillForcesTheLegacyRotationButNeverCleansUp() {
    String rules = "version: 1\nrules:\n"
        + "  - name: sales\n    scope: {subtree: \"ou=Sales,dc=example,dc=com\"}\n"
        + "    target: windows-encrypted\n    mirror: true\n    cleanupLegacy: true\n"
        + "    graceDays: 0\n";
    Plan plan = plan(rules, outOfDate());
    assertEquals(List.of("mirror-refresh", "force-rotation"),
        plan.actions().stream().map(Action::kind).toList());
    assertTrue(((Action.ForceRotation) plan.actions().get(1)).legacy());
    Action.CleanupLegacy cleanup = new Action.CleanupLegacy(DN, "r", "why", at("2026-06-29"),
        at("2026-05-03"), at("2026-04-01"));
    assertEquals("msLAPS-Password is a mirror of the legacy password, not a Windows LAPS"
        + " rotation", cleanup.check(outOfDate()).reason());
  }

  @Test
  void newMirrorsCarryTheMark() {
    ComputerSnapshot legacyOnly = new ComputerSnapshot(DN, "S", true, at("2026-06-20"), false,
        null, null, false, false, List.of());
    Action.MirrorToWindows mirror =
        (Action.MirrorToWindows) plan(RULES, legacyOnly).actions().get(0);
    assertEquals(mirror.updated(), mirror.expires());
  }

  @Test
  void applyTimeVerdicts() {
    Action.RefreshMirror refresh = new Action.RefreshMirror(DN, "sales", "why",
        at("2026-06-29"), at("2026-05-03"), "Administrator", FileTime.of(AS_OF));
    assertEquals(Verdict.Kind.APPLY, refresh.check(outOfDate()).kind());
    // Written (a resumed run): the copy equals the legacy password again.
    assertEquals(new Verdict(Verdict.Kind.DONE, "msLAPS-Password mirrors the legacy password"),
        refresh.check(both("2026-06-29", "2026-06-01", "2026-06-01", true, "Administrator")));
    // A Windows LAPS client took over between plan and apply: its write stands.
    assertEquals("msLAPS-Password is no longer the mirror the plan saw (plan saw t"
        + " 134222400000000000 (2026-05-03T00:00:00Z), now 134249184000000000"
        + " (2026-06-03T00:00:00Z)): a Windows LAPS client or a person wrote it; not"
        + " overwritten",
        refresh.check(both("2026-06-29", "2026-06-03", "2026-07-03", false, "Administrator"))
            .reason());
    // The legacy client rotated again: plan again.
    Verdict rotated = refresh.check(both("2026-07-29", "2026-05-03", "2026-05-03", false,
        "Administrator"));
    assertEquals(Verdict.Kind.STALE, rotated.kind());
    assertTrue(rotated.reason().startsWith("ms-Mcs-AdmPwdExpirationTime changed since the plan"),
        rotated.reason());
    ComputerSnapshot encrypted = new ComputerSnapshot(DN, "S", true, at("2026-06-29"), true,
        at("2026-05-03"), at("2026-05-03"), true, false, List.of(), "Administrator");
    assertEquals(Verdict.Kind.STALE, refresh.check(encrypted).kind());
    ComputerSnapshot legacyGone = new ComputerSnapshot(DN, "S", false, null, true,
        at("2026-05-03"), at("2026-05-03"), false, false, List.of(), "Administrator");
    assertEquals("the legacy password is gone; nothing to mirror",
        refresh.check(legacyGone).reason());
  }
}
