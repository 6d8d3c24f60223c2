package io.lapsbridge.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.FileTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code afterEntraMove: clear} (#16): the rule key, planning, the plan codec and the guard. */
class ClearAfterEntraTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final String DEVICE = "0b7e2c11-0000-4000-8000-000000000102";
  private static final String RULES = "version: 1\nrules:\n"
      + "  - name: moved\n    scope: {subtree: \"OU=Hybrid,DC=example,DC=com\"}\n"
      + "    target: windows-cleartext\n    afterEntraMove: clear\n";

  private static Rules rules(String text) {
    return Rules.parse("rules.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  private static FileTime daysBefore(int days) {
    return FileTime.of(AS_OF.minus(Duration.ofDays(days)));
  }

  /** A Windows LAPS cleartext password in AD, written and expiring as given. */
  private static ComputerSnapshot windows(String name, FileTime updated, FileTime expiry) {
    return new ComputerSnapshot("cn=" + name + ",ou=Hybrid,dc=example,dc=com", name, false, null,
        true, updated, expiry, false, false, List.of(), "Administrator");
  }

  private static Plan plan(String rules, ComputerSnapshot c, EntraMove.Match entra) {
    Planner planner = new Planner(rules(rules), new Classifier(AS_OF, Thresholds.DEFAULTS),
        false, Map.of());
    planner.accept(c, entra);
    return planner.plan();
  }

  @Test
  void theRuleKeyIsParsedStrictly() {
    assertTrue(rules(RULES).rules().get(0).clearAfterEntra());
    assertTrue(rules(RULES).needEntra());
    assertFalse(rules(RULES.replace("Move: clear", "Move: keep")).needEntra());
    MigrationInputException bad = assertThrows(MigrationInputException.class,
        () -> rules(RULES.replace("Move: clear", "Move: delete")));
    assertEquals("rules.yaml: rules[0].afterEntraMove: 'delete' is not one of keep, clear",
        bad.getMessage());
    MigrationInputException withMirror = assertThrows(MigrationInputException.class,
        () -> rules(RULES + "    mirror: true\n"));
    assertTrue(withMirror.getMessage().startsWith("rules.yaml: rules[0].afterEntraMove: clear"
        + " and mirror contradict"), withMirror.getMessage());
  }

  @Test
  void aNewerEntraBackupMatchedBySidPlansTheClearing() {
    ComputerSnapshot moved = windows("HYB-02", daysBefore(40), daysBefore(10));
    Plan plan = plan(RULES, moved,
        new EntraMove.Match(DEVICE, AS_OF.minus(Duration.ofDays(3)), true));
    assertEquals(1, plan.actions().size(), plan.toString());
    Action.ClearAfterEntra clear = (Action.ClearAfterEntra) plan.actions().get(0);
    assertEquals("clear-ad-after-entra", clear.kind());
    assertEquals(DEVICE, clear.deviceId());
    assertEquals(moved.windowsExpiry(), clear.seenWindowsExpiry());
    assertEquals(moved.windowsUpdated(), clear.seenWindowsUpdated());
    assertEquals(null, clear.seenLegacyExpiry());
    assertTrue(plan.flags().isEmpty(), "the clearing answers the expired AD copy's flag");
  }

  @Test
  void anOlderEntraBackupKeepsTheAdCopy() {
    // AD written 1 day ago, still valid; Entra's backup is 3 days old: both current.
    ComputerSnapshot current = windows("HYB-01", daysBefore(1), FileTime.of(
        AS_OF.plus(Duration.ofDays(29))));
    Plan plan = plan(RULES, current,
        new EntraMove.Match(DEVICE, AS_OF.minus(Duration.ofDays(3)), true));
    assertTrue(plan.actions().stream().noneMatch(a -> a instanceof Action.ClearAfterEntra),
        plan.actions().toString());
  }

  @Test
  void noEntraBackupOrNoRuleKeyClearsNothing() {
    ComputerSnapshot moved = windows("HYB-02", daysBefore(40), daysBefore(10));
    assertTrue(plan(RULES, moved, new EntraMove.Match(DEVICE, null, true)).actions().isEmpty());
    assertTrue(plan(RULES, moved, null).actions().isEmpty());
    assertTrue(plan(RULES.replace("Move: clear", "Move: keep"), moved,
        new EntraMove.Match(DEVICE, AS_OF.minus(Duration.ofDays(3)), true)).actions().isEmpty());
  }

  @Test
  void aNameOnlyMatchIsDeferredNotCleared() {
    ComputerSnapshot moved = windows("HYB-02", daysBefore(40), daysBefore(10));
    Plan plan = plan(RULES, moved,
        new EntraMove.Match(DEVICE, AS_OF.minus(Duration.ofDays(3)), false));
    assertTrue(plan.actions().isEmpty());
    assertEquals(1, plan.deferred().size());
    assertTrue(plan.deferred().get(0).reason().contains("by name only"),
        plan.deferred().get(0).reason());
  }

  @Test
  void thePlanCodecRoundTripsTheActionAndRefusesUnknownFields() {
    ComputerSnapshot moved = new ComputerSnapshot("cn=HYB-03,ou=Hybrid,dc=example,dc=com",
        "HYB-03", true, daysBefore(20), true, daysBefore(40), daysBefore(10), false, false,
        List.of(), "Administrator");
    Plan plan = plan(RULES, moved,
        new EntraMove.Match(DEVICE, AS_OF.minus(Duration.ofDays(3)), true));
    byte[] bytes = PlanCodec.write(plan);
    Plan read = PlanCodec.read("plan.json", bytes);
    assertEquals(plan.actions(), read.actions());
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"entraBackup\" : \"2026-05-29T00:00:00Z\""), text);
    byte[] extra = text.replace("\"deviceId\"", "\"colour\" : \"red\",\n    \"deviceId\"")
        .getBytes(StandardCharsets.UTF_8);
    MigrationInputException unknown = assertThrows(MigrationInputException.class,
        () -> PlanCodec.read("plan.json", extra));
    assertTrue(unknown.getMessage().contains("colour: unknown field for clear-ad-after-entra"),
        unknown.getMessage());
    byte[] badTime = text.replace("2026-05-29T00:00:00Z", "yesterday")
        .getBytes(StandardCharsets.UTF_8);
    MigrationInputException time = assertThrows(MigrationInputException.class,
        () -> PlanCodec.read("plan.json", badTime));
    assertTrue(time.getMessage().contains("entraBackup: not an ISO-8601 instant"),
        time.getMessage());
  }

  @Test
  void theAdGuardSeesChangesAndTheEntraGuardSeesTheBackup() {
    ComputerSnapshot moved = windows("HYB-02", daysBefore(40), daysBefore(10));
    Action.ClearAfterEntra clear = new Action.ClearAfterEntra(moved.dn(), "moved", "why",
        DEVICE, AS_OF.minus(Duration.ofDays(3)), null, moved.windowsExpiry(),
        moved.windowsUpdated());
    assertEquals(Verdict.Kind.APPLY, clear.check(moved).kind());
    ComputerSnapshot rotated = windows("HYB-02", daysBefore(0), FileTime.of(AS_OF.plus(
        Duration.ofDays(30))));
    assertEquals(Verdict.Kind.STALE, clear.check(rotated).kind());
    ComputerSnapshot sameExpiryNewPassword = windows("HYB-02", daysBefore(1),
        moved.windowsExpiry());
    Verdict rewritten = clear.check(sameExpiryNewPassword);
    assertEquals(Verdict.Kind.STALE, rewritten.kind());
    assertTrue(rewritten.reason().contains("the device writes AD again"), rewritten.reason());
    ComputerSnapshot cleared = new ComputerSnapshot(moved.dn(), "HYB-02", false, null, false,
        null, null, false, false, List.of());
    assertEquals(Verdict.Kind.DONE, clear.check(cleared).kind());

    assertEquals(Verdict.Kind.APPLY,
        clear.entraStillNewer(AS_OF.minus(Duration.ofDays(3)), AS_OF).kind());
    Verdict gone = clear.entraStillNewer(null, AS_OF);
    assertEquals(Verdict.Kind.STALE, gone.kind());
    assertTrue(gone.reason().contains("no backup"), gone.reason());
    // AD not expired yet (plan-time view) and Entra's backup older than AD's write: kept.
    Action.ClearAfterEntra fresh = new Action.ClearAfterEntra(moved.dn(), "moved", "why",
        DEVICE, AS_OF, null, FileTime.of(AS_OF.plus(Duration.ofDays(20))), daysBefore(2));
    assertEquals(Verdict.Kind.STALE,
        fresh.entraStillNewer(AS_OF.minus(Duration.ofDays(5)), AS_OF).kind());
  }

  @Test
  void theSharedRuleMatchesTheInventorysAdCopyLeft() {
    Instant entra = AS_OF.minus(Duration.ofDays(3));
    assertTrue(EntraMove.adCopyLeft(AS_OF.minus(Duration.ofDays(5)), AS_OF.plus(Duration.ofDays(
        20)), entra, AS_OF), "older than Entra's backup");
    assertTrue(EntraMove.adCopyLeft(null, AS_OF.minus(Duration.ofDays(1)), entra, AS_OF),
        "expired");
    assertFalse(EntraMove.adCopyLeft(AS_OF.minus(Duration.ofDays(1)), AS_OF.plus(Duration.ofDays(
        20)), entra, AS_OF), "newer and valid");
    assertFalse(EntraMove.adCopyLeft(null, null, null, AS_OF), "nothing in Entra");
  }
}
