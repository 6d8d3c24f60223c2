package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.migration.Plan;
import io.lapsbridge.migration.PlanCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden migration: input estate plus rules give the expected plan byte for byte; applying
 * it gives the expected estate; planning again gives no actions.
 */
class MigrationGoldenIT {
  private static String ouDn;
  private static List<String> admin;

  @BeforeAll
  static void load() throws Exception {
    ouDn = MigrationFixtures.load(MigrationFixtures.GOLDEN_OU);
    admin = SharedStandIn.connect("admin");
  }

  @Test
  void aSubtreeThatMatchesNoComputerIsReported(@TempDir Path dir) throws Exception {
    // #18 item 10: a typo in a subtree is said on stderr; the plan and exit status stand.
    Path rules = Files.writeString(dir.resolve("typo.yaml"), "version: 1\nrules:\n"
        + "  - name: typo\n    scope: {subtree: \"ou=Finanse," + ouDn + "\"}\n"
        + "    target: windows-cleartext\n", StandardCharsets.UTF_8);
    CliRun plan = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ouDn, "--format",
        "json"));
    assertEquals(0, plan.status(), plan.err());
    assertEquals(List.of("lapsbridge: warning: rule 'typo': subtree ou=Finanse," + ouDn
        + " matches no computer"), plan.err().lines()
            .filter(l -> l.startsWith("lapsbridge: warning: rule")).toList());
    assertEquals(0, PlanCodec.read("plan.json", plan.out().getBytes(StandardCharsets.UTF_8))
        .actions().size());
  }

  @Test
  void planApplyAndReplanAreGolden(@TempDir Path dir) throws Exception {
    Path rules = MigrationFixtures.rules(dir, MigrationFixtures.GOLDEN_OU);
    Path planFile = dir.resolve("plan.json");
    CliRun plan = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ouDn, "--output",
        planFile.toString(), "--format", "json"));
    assertEquals(0, plan.status(), plan.err());
    String planText = Files.readString(planFile, StandardCharsets.UTF_8);
    assertEquals(planText, plan.out(), "stdout and --output carry the same plan");
    golden("estate.expected-plan.json", planText);

    CliRun again = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ouDn, "--format",
        "json"));
    assertEquals(planText, again.out(), "the same inputs give a byte-identical plan");
    assertFalse(planText.contains("Leg-Fresh-1") || planText.contains("Sales-1-pw"),
        "a plan holds no password");

    CliRun dry = CliRun.of(MigrationFixtures.with(admin, "migrate", "apply", "--plan",
        planFile.toString(), "--dry-run"));
    assertEquals(0, dry.status(), dry.err());
    assertTrue(dry.out().contains("would-apply"), dry.out());
    assertEquals(MigrationFixtures.renamed("estate.input.ldif", "MigGolden").isEmpty(), false);
    String beforeDump = MigrationFixtures.dump(ouDn, MigrationFixtures.GOLDEN_OU);
    assertFalse(Files.exists(Path.of(planFile + ".journal")), "a dry run writes no journal");

    CliRun apply = CliRun.of(MigrationFixtures.with(admin, "migrate", "apply", "--plan",
        planFile.toString()));
    assertEquals(0, apply.status(), apply.out() + apply.err());
    assertTrue(apply.err().contains("does not support the assertion control (RFC 4528)"),
        apply.err());
    String after = MigrationFixtures.dump(ouDn, MigrationFixtures.GOLDEN_OU);
    assertFalse(after.equals(beforeDump), "apply changed the estate");
    golden("estate.expected.ldif", after);

    CliRun replan = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ouDn, "--format",
        "json"));
    Plan second = PlanCodec.read("replan", replan.out().getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), second.actions(), "planning against the result gives no actions");

    CliRun reapply = CliRun.of(MigrationFixtures.with(admin, "migrate", "apply", "--plan",
        planFile.toString(), "--journal", dir.resolve("second.journal").toString()));
    assertEquals(0, reapply.status(), reapply.err());
    assertFalse(reapply.out().contains("\tapplied\t"), reapply.out());
    assertEquals(after, MigrationFixtures.dump(ouDn, MigrationFixtures.GOLDEN_OU),
        "applying a plan to its own result changes nothing");
  }

  /**
   * The same golden end state whichever way apply is run: one connection, nothing pipelined;
   * and many connections with a shallow pipeline (the lane and the read-first workers side by
   * side).
   */
  @ParameterizedTest
  @ValueSource(strings = {"MigGoldenSerial:1:1", "MigGoldenWide:6:2"})
  void everyConcurrencyGivesTheGoldenEndState(String variant, @TempDir Path dir)
      throws Exception {
    String[] parts = variant.split(":", -1);
    String ou = parts[0];
    String variantOu = MigrationFixtures.load(ou);
    Path rules = MigrationFixtures.rules(dir, ou);
    Path planFile = dir.resolve("plan.json");
    CliRun plan = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", variantOu,
        "--output", planFile.toString()));
    assertEquals(0, plan.status(), plan.err());
    CliRun apply = CliRun.of(MigrationFixtures.with(admin, "migrate", "apply", "--plan",
        planFile.toString(), "--connections", parts[1], "--pipeline", parts[2]));
    assertEquals(0, apply.status(), apply.out() + apply.err());
    assertEquals(MigrationFixtures.resource("estate.expected.ldif"),
        MigrationFixtures.dump(variantOu, ou), variant);
  }

  private static void golden(String name, String actual) throws Exception {
    if (MigrationFixtures.regenerate()) {
      Files.writeString(MigrationFixtures.sourceGolden(name), actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(MigrationFixtures.resource(name), actual, "golden file " + name);
  }
}
