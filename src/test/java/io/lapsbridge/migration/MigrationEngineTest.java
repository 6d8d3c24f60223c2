package io.lapsbridge.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.FileTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure engine: classification, rule files, plans, verdicts and the journal. */
class MigrationEngineTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final Classifier CLASSIFIER = new Classifier(AS_OF, Thresholds.DEFAULTS);

  private static FileTime at(String day) {
    return FileTime.of(Instant.parse(day + "T00:00:00Z"));
  }

  private static ComputerSnapshot legacy(String name, String expiry) {
    return new ComputerSnapshot("cn=" + name + ",ou=Finance,dc=example,dc=com", name, true,
        at(expiry), false, null, null, false, false, List.of());
  }

  private static ComputerSnapshot both(String name, String legacyExpiry, String windowsWritten,
      String windowsExpiry) {
    return new ComputerSnapshot("cn=" + name + ",ou=Finance,dc=example,dc=com", name, true,
        at(legacyExpiry), true, at(windowsWritten), at(windowsExpiry), false, false, List.of());
  }

  @Test
  void classificationFollowsThePrecedence() {
    assertEquals("legacy-only", CLASSIFIER.classify(legacy("A", "2026-06-20")).key());
    assertEquals("legacy-expired", CLASSIFIER.classify(legacy("A", "2026-05-20")).key());
    assertEquals("stale", CLASSIFIER.classify(legacy("A", "2026-04-01")).key());
    assertEquals("side-by-side",
        CLASSIFIER.classify(both("B", "2026-04-01", "2026-05-20", "2026-06-19")).key());
    assertEquals("conflict",
        CLASSIFIER.classify(both("C", "2026-07-01", "2026-05-30", "2026-06-29")).key());
    assertEquals("windows-expired",
        CLASSIFIER.classify(both("D", "2026-04-01", "2026-05-01", "2026-05-31")).key());
    ComputerSnapshot neither = new ComputerSnapshot("cn=N,dc=x", "N", false, null, false, null,
        null, false, false, List.of());
    assertEquals("neither", CLASSIFIER.classify(neither).key());
    ComputerSnapshot broken = new ComputerSnapshot("cn=M,dc=x", "M", true, at("2026-06-20"),
        false, null, null, false, false,
        List.of(new ComputerSnapshot.Problem("msLAPS-Password", "not JSON")));
    State malformed = CLASSIFIER.classify(broken);
    assertEquals("malformed", malformed.key());
    assertEquals("unreadable value: msLAPS-Password: not JSON", malformed.detail());
  }

  @Test
  void aMirrorIsNeverAConflict() {
    ComputerSnapshot mirrored = new ComputerSnapshot("cn=S,dc=x", "S", true, at("2026-07-01"),
        true, at("2026-06-01"), at("2026-07-01"), false, true, List.of());
    State state = CLASSIFIER.classify(mirrored);
    assertEquals("side-by-side", state.key());
    assertEquals("both families; msLAPS-Password mirrors the legacy password", state.detail());
  }

  private static final String RULES = "version: 1\nrules:\n"
      + "  - name: finance\n    scope: {subtree: \"OU=Finance, DC=example, DC=com\"}\n"
      + "    target: windows-encrypted\n    cleanupLegacy: true\n    mirror: true\n";

  private static Rules rules(String text) {
    return Rules.parse("rules.yaml", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSameInputsInAnyOrderGiveTheSamePlanBytes() {
    List<ComputerSnapshot> estate = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      estate.add(legacy("L" + i, i % 2 == 0 ? "2026-06-20" : "2026-05-20"));
      estate.add(both("B" + i, "2026-04-01", "2026-05-20", "2026-06-19"));
    }
    byte[] first = null;
    Random random = new Random(11);
    for (int round = 0; round < 5; round++) {
      Collections.shuffle(estate, random);
      Planner planner = new Planner(rules(RULES), CLASSIFIER, false, Map.of());
      estate.forEach(planner::accept);
      byte[] bytes = PlanCodec.write(planner.plan());
      if (first == null) {
        first = bytes;
      } else {
        assertArrayEquals(first, bytes, "round " + round);
      }
    }
    Plan plan = PlanCodec.read("plan.json", first);
    assertEquals(Map.of("cleanup-legacy", 40, "force-rotation", 60, "mirror-to-windows", 40),
        plan.actionCounts());
    assertArrayEquals(first, PlanCodec.write(plan), "a plan survives its own codec");
    assertEquals(plan.actions(), PlanCodec.readActions("plan.json", first),
        "apply's reader, which skips the notes, sees the same actions");
  }

  @Test
  void applysPlanReaderChecksTheFormatFirstAndSkipsNotesWithoutBuildingThem() {
    String notAPlan = "{\"actions\":[{\"id\":7}],\"format\":\"something-else\"}";
    assertEquals("p.json: not a plan: expected \"format\": \"" + PlanCodec.FORMAT + "\"",
        assertThrows(MigrationInputException.class, () -> PlanCodec.readActions("p.json",
            notAPlan.getBytes(StandardCharsets.UTF_8))).getMessage());
    String oddNotes = "{\"format\":\"" + PlanCodec.FORMAT + "\",\"flags\":[{\"dn\":1}],"
        + "\"deferred\":[[]],\"actions\":[]}";
    assertEquals(List.of(), PlanCodec.readActions("p.json",
        oddNotes.getBytes(StandardCharsets.UTF_8)));
    String torn = "{\"format\":\"" + PlanCodec.FORMAT + "\",\"flags\":[{\"dn\":";
    assertTrue(assertThrows(MigrationInputException.class, () -> PlanCodec.readActions("p.json",
        torn.getBytes(StandardCharsets.UTF_8))).getMessage().startsWith("p.json: not a plan: "),
        "skipped notes are still parsed, so a torn file is refused");
  }

  @Test
  void aSubtreeThatCoversNoComputerIsKnownToThePlanner() {
    // #18 item 10: a typo in a subtree matches nothing; a shadowed subtree still covers some.
    String text = RULES
        + "  - name: typo\n    scope: {subtree: \"OU=Finanse,DC=example,DC=com\"}\n"
        + "    target: windows-cleartext\n"
        + "  - name: shadowed\n    scope: {subtree: \"OU=Finance,DC=example,DC=com\"}\n"
        + "    target: windows-cleartext\n"
        + "  - name: names\n    scope: {name: \"NOPE-*\"}\n    target: windows-cleartext\n";
    Planner planner = new Planner(rules(text), CLASSIFIER, false, Map.of());
    assertEquals(List.of("finance", "typo", "shadowed"),
        planner.emptySubtrees().stream().map(Rule::name).toList(), "before any computer");
    planner.accept(legacy("L", "2026-06-20"));
    assertEquals(List.of("typo"), planner.emptySubtrees().stream().map(Rule::name).toList());
    assertEquals("subtree OU=Finanse,DC=example,DC=com",
        planner.emptySubtrees().get(0).scope().describe());
  }

  @Test
  void mirrorExpiresAtThePlanTimeWhenTheSameRuleForcesRotation() {
    Planner planner = new Planner(rules(RULES), CLASSIFIER, false, Map.of());
    planner.accept(legacy("L", "2026-06-20"));
    List<Action> actions = planner.plan().actions();
    assertEquals(List.of("mirror-to-windows", "force-rotation"),
        actions.stream().map(Action::kind).toList());
    assertEquals(FileTime.of(AS_OF), ((Action.MirrorToWindows) actions.get(0)).expires());
  }

  @Test
  void downgradeIsRefusedUnlessAllowed() {
    String text = "version: 1\nrules:\n  - name: lab\n    scope: {name: \"LAB-*\"}\n"
        + "    target: legacy\n    mirror: true\n";
    ComputerSnapshot windowsOnly = new ComputerSnapshot("cn=LAB-1,dc=x", "LAB-1", false, null,
        true, at("2026-05-20"), at("2026-06-19"), false, false, List.of());
    Planner refused = new Planner(rules(text), CLASSIFIER, false, Map.of());
    refused.accept(windowsOnly);
    assertEquals(List.of(), refused.plan().actions());
    assertEquals("refused: mirroring a Windows LAPS password into cleartext ms-Mcs-AdmPwd is a"
        + " downgrade; plan with --allow-downgrade to allow it",
        refused.plan().flags().get(0).reason());
    Planner allowed = new Planner(rules(text), CLASSIFIER, true, Map.of());
    allowed.accept(windowsOnly);
    assertEquals("mirror-to-legacy", allowed.plan().actions().get(0).kind());
  }

  @Test
  void groupScopeUsesResolvedMembers() {
    String text = "version: 1\nrules:\n  - name: pilot\n    scope: {group: \"CN=Pilot,DC=x\"}\n"
        + "    target: windows-cleartext\n";
    Planner planner = new Planner(rules(text), CLASSIFIER, false,
        Map.of("cn=pilot,dc=x", Set.of("CN=A, OU=Finance, DC=example, DC=com")));
    planner.accept(legacy("A", "2026-06-20"));
    planner.accept(legacy("B", "2026-06-20"));
    Plan plan = planner.plan();
    assertEquals(1, plan.actions().size());
    assertEquals("cn=A,ou=Finance,dc=example,dc=com", plan.actions().get(0).dn());
    assertEquals(1, plan.unmatched());
  }

  @Test
  void cleanupWaitsForTheGraceAndNeverRemovesTheOnlyCopy() {
    Action.CleanupLegacy cleanup = new Action.CleanupLegacy("cn=B,dc=x", "r", "why",
        at("2026-04-01"), at("2026-06-19"), at("2026-04-08"));
    ComputerSnapshot ok = new ComputerSnapshot("cn=B,dc=x", "B", true, at("2026-04-01"), true,
        at("2026-05-20"), at("2026-06-19"), false, false, List.of());
    assertEquals(Verdict.Kind.APPLY, cleanup.check(ok).kind());
    ComputerSnapshot gone = new ComputerSnapshot("cn=B,dc=x", "B", true, at("2026-04-01"),
        false, null, null, false, false, List.of());
    assertEquals("no Windows LAPS password is stored; the legacy password is the only copy",
        cleanup.check(gone).reason());
    ComputerSnapshot mirror = new ComputerSnapshot("cn=B,dc=x", "B", true, at("2026-04-01"),
        true, at("2026-05-20"), at("2026-06-19"), false, true, List.of());
    assertEquals(Verdict.Kind.STALE, cleanup.check(mirror).kind());
    ComputerSnapshot done = new ComputerSnapshot("cn=B,dc=x", "B", false, null, true,
        at("2026-05-20"), at("2026-06-19"), false, false, List.of());
    assertEquals(Verdict.Kind.DONE, cleanup.check(done).kind());

    Planner planner = new Planner(rules(RULES), CLASSIFIER, false, Map.of());
    planner.accept(both("R", "2026-05-28", "2026-05-30", "2026-06-29"));
    Plan plan = planner.plan();
    assertTrue(plan.actions().stream().noneMatch(a -> a instanceof Action.CleanupLegacy));
    assertEquals("the Windows LAPS password must be written at or after 2026-06-04T00:00:00Z"
        + " (legacy expiry + 7 days grace)", plan.deferred().get(0).reason());
  }

  @Test
  void forceRotationSeesAClientRotation() {
    Action.ForceRotation rotate = new Action.ForceRotation("cn=L,dc=x", "r", "why", true,
        at("2026-06-20"), FileTime.of(AS_OF));
    assertEquals(Verdict.Kind.APPLY, rotate.check(legacy("L", "2026-06-20")).kind());
    assertEquals(Verdict.Kind.DONE, rotate.check(legacy("L", "2026-06-01")).kind());
    Verdict stale = rotate.check(legacy("L", "2026-07-15"));
    assertEquals(Verdict.Kind.STALE, stale.kind());
    assertTrue(stale.reason().endsWith("a client rotated"), stale.reason());
    ComputerSnapshot unreadable = new ComputerSnapshot("cn=L,dc=x", "L", true, null, false, null,
        null, false, false, List.of());
    assertEquals("ms-Mcs-AdmPwdExpirationTime changed since the plan (plan saw 134263872000000000"
        + " (2026-06-20T00:00:00Z), now absent): removed, or not readable by this account",
        rotate.check(unreadable).reason());
  }

  @Test
  void ruleFileProblemsNameTheFileAndThePlace() {
    assertEquals("rules.yaml: rules[0].target: 'cloud' is not one of legacy, windows-cleartext,"
        + " windows-encrypted, side-by-side",
        assertThrows(MigrationInputException.class, () -> rules("version: 1\nrules:\n"
            + "  - name: a\n    scope: {name: \"*\"}\n    target: cloud\n")).getMessage());
    assertEquals("rules.yaml: version: expected 1, found 2",
        assertThrows(MigrationInputException.class,
            () -> rules("version: 2\nrules: []\n")).getMessage());
    assertEquals("rules.yaml: rules[0].forceRoation: unknown key",
        assertThrows(MigrationInputException.class, () -> rules("version: 1\nrules:\n"
            + "  - name: a\n    scope: {name: \"*\"}\n    target: legacy\n"
            + "    forceRoation: true\n")).getMessage());
    assertEquals("rules.yaml: rules[0].cleanupLegacy: only a Windows LAPS target may clean up"
        + " legacy attributes, not side-by-side",
        assertThrows(MigrationInputException.class, () -> rules("version: 1\nrules:\n"
            + "  - name: a\n    scope: {name: \"*\"}\n    target: side-by-side\n"
            + "    cleanupLegacy: true\n")).getMessage());
    assertEquals("rules.yaml: rules[1].name: 'A' is used twice",
        assertThrows(MigrationInputException.class, () -> rules("version: 1\nrules:\n"
            + "  - {name: a, scope: {name: x}, target: legacy}\n"
            + "  - {name: A, scope: {name: y}, target: legacy}\n")).getMessage());
    Rules json = rules("{\"version\":1,\"rules\":[{\"name\":\"j\",\"scope\":{\"name\":\"PC?\"},"
        + "\"target\":\"windows-cleartext\"}]}");
    assertTrue(json.rules().get(0).forceRotation(), "Windows targets force rotation by default");
  }

  @Test
  void journalToleratesOnlyATornLastLine() {
    String text = Journal.begin("/p.json", "abc", "t") + Journal.start(1)
        + Journal.end(1, Journal.Outcome.APPLIED, "ok") + Journal.start(2) + "{\"event\":\"en";
    Journal.State state = Journal.replay("j", text);
    assertTrue(state.tornTail());
    assertEquals(Map.of(1, Journal.Outcome.APPLIED), state.ended());
    assertEquals(Set.of(1, 2), state.started());
    String corrupt = Journal.begin("/p.json", "abc", "t") + "garbage\n" + Journal.start(1);
    assertEquals("j:2: not a journal line", assertThrows(MigrationInputException.class,
        () -> Journal.replay("j", corrupt)).getMessage());
    assertFalse(Journal.Outcome.FAILED.settled(), "a resume retries failed actions");
  }

  @Test
  void endLinesEscapeAnyReasonAsJsonWould() throws Exception {
    String reason = "no entry 'cn=\"Q\"\\, x\n\t\u0001 \u00e9\u4e2d'";
    String line = Journal.end(3, Journal.Outcome.FAILED, reason);
    assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
    com.fasterxml.jackson.databind.JsonNode node =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
    assertEquals(reason, node.get("reason").asText());
    assertEquals("{\"event\":\"end\",\"id\":3,\"outcome\":\"failed\",\"reason\":\"x\"}\n",
        Journal.end(3, Journal.Outcome.FAILED, "x"));
    Journal.State state = Journal.replay("j", Journal.begin("/p", "s", "t") + line);
    assertEquals(Map.of(3, Journal.Outcome.FAILED), state.ended());
  }

  @Test
  void dnComparisonIgnoresCaseAndSpacing() {
    assertEquals("cn=a\\, b,ou=x,dc=y", DistinguishedNames.normalize("CN=A\\, B , OU = X,DC=Y"));
    assertTrue(DistinguishedNames.isUnder("cn=a,ou=x,dc=y", "ou=x,dc=y"));
    assertFalse(DistinguishedNames.isUnder("cn=a,ou=xx,dc=y", "ou=x,dc=y"));
  }

  @Test
  void anEscapedCommaDoesNotEndAnRdn() {
    String smith = DistinguishedNames.normalize("CN=Smith\\, John,OU=Paris,DC=example,DC=com");
    assertEquals("cn=smith\\, john,ou=paris,dc=example,dc=com", smith);
    assertTrue(DistinguishedNames.isUnder(smith, DistinguishedNames.normalize("OU=Paris,DC=example,DC=com")));
    // The RDN "CN=PC\\,OU=Paris" sits directly under DC=example: it is not in OU=Paris.
    String lookalike = DistinguishedNames.normalize("CN=PC\\,OU=Paris,DC=example,DC=com");
    assertFalse(DistinguishedNames.isUnder(lookalike, "ou=paris,dc=example,dc=com"));
    assertTrue(DistinguishedNames.isUnder(lookalike, "dc=example,dc=com"));
  }

  @Test
  void hexEscapesMixedCaseAndMultiValuedRdnsCompareEqual() {
    assertEquals(DistinguishedNames.normalize("CN=Smith\\, John,OU=Paris,DC=Example,DC=COM"),
        DistinguishedNames.normalize("cn=smith\\2C john,ou=PARIS,dc=example,dc=com"));
    assertEquals(DistinguishedNames.normalize("CN=pc1+UID=42,OU=x"),
        DistinguishedNames.normalize("uid=42 + cn=PC1, ou=X"));
    assertEquals("cn=a\\+b,ou=x", DistinguishedNames.normalize("CN=a\\+b,OU=x"));
    assertFalse(DistinguishedNames.normalize("CN=a\\+b,OU=x")
        .equals(DistinguishedNames.normalize("CN=a+B=b,OU=x")));
    assertTrue(DistinguishedNames.isUnder("cn=pc1+uid=42,ou=x", "ou=x"));
    assertTrue(DistinguishedNames.isUnder("ou=x", "ou=x"));
    assertFalse(DistinguishedNames.isUnder("ou=x", "cn=pc1,ou=x"));
  }
}
