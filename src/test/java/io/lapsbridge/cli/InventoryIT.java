package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inventory} and {@code migrate check} on the golden estate, loaded under its own OU. */
class InventoryIT {
  private static final String OU = "MigInventory";
  private static final String[] PASSWORDS = {
    "Leg-Fresh-1", "Migrated-win-1", "Conflict-legacy-1", "Sales-1-pw", "Lab-win-1", "Stale-1",
    "Sales-3-rotated", "Sales-3-copied", "Sales-4-client"
  };
  private static String ouDn;
  private static List<String> reader;

  @BeforeAll
  static void load() throws Exception {
    ouDn = MigrationFixtures.load(OU);
    reader = SharedStandIn.connect("reader");
  }

  private static CliRun inventory(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("inventory", "--as-of",
        MigrationFixtures.AS_OF, "--base-dn", ouDn));
    args.addAll(List.of(extra));
    args.addAll(reader);
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void textSummaryCountsEveryState() {
    CliRun run = inventory();
    // BROKEN holds a malformed msLAPS-Password: a problem (README), every row still counted.
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().startsWith("LAPS inventory as of 2026-06-01T00:00:00Z: 13 computers\n"),
        run.out());
    assertTrue(run.out().contains("  legacy-only               3   23.1%\n"), run.out());
    assertTrue(run.out().contains("  conflict                  1    7.7%\n"), run.out());
    assertTrue(run.out().contains("  ou=Sales," + ouDn + " (4): legacy-only 2, side-by-side 2\n"), run.out());
    assertTrue(run.out().contains("Oldest password: 181 days (written about"
        + " 2025-12-02T00:00:00Z) on cn=STALE,ou=Finance," + ouDn), run.out());
    assertTrue(run.out().contains("Needs attention (malformed, 1):\n  cn=BROKEN,ou=Finance,"
        + ouDn + ": unreadable value: msLAPS-Password:"), run.out());
    assertEquals("lapsbridge: 1 computer(s) hold a LAPS value that does not follow its format"
        + " (state 'malformed'); the report names each attribute\n", run.err());
    for (String password : PASSWORDS) {
      assertFalse(run.out().contains(password), password);
    }
  }

  @Test
  void jsonAndCsvStreamEveryComputer() {
    CliRun json = inventory("--format", "json");
    assertEquals(1, json.status(), json.err());
    assertEquals(13, json.out().split("\"state\" : ").length - 1, json.out());
    assertTrue(json.out().contains("\"stale\" : 1"), json.out());
    CliRun csv = inventory("--format", "csv");
    assertEquals(1, csv.status(), csv.err());
    // RFC 4180, like every --format csv: CRLF, and quotes only around fields that need them.
    assertTrue(csv.out().startsWith("dn,name,state,detail,legacyExpiry,windowsUpdated,windowsExpiry\r\n"),
        csv.out());
    assertTrue(csv.out().contains("\"cn=LEG-FRESH,ou=Finance," + ouDn + "\",LEG-FRESH,legacy-only,"),
        csv.out());
    assertEquals(14, csv.out().lines().count());
  }

  @Test
  void htmlReportIsSelfContainedAndHasNoPasswords(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.html");
    CliRun run = inventory("--format", "html", "--output", report.toString());
    assertEquals(1, run.status(), run.err());
    assertEquals("", run.out());
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), html);
    assertTrue(html.contains("<h3 id=\"conflict\">conflict (1)</h3>"), html);
    assertTrue(html.contains("cn=STALE,ou=Finance," + ouDn), html);
    assertFalse(html.contains("<script") || html.contains("http-equiv") || html.contains("src="));
    for (String password : PASSWORDS) {
      assertFalse(html.contains(password), password);
    }
    CliRun missing = inventory("--format", "html");
    assertEquals(2, missing.status());
    assertEquals("lapsbridge: usage: --format html writes a report file: give --output FILE\n",
        missing.err());
  }

  @Test
  void checkExitsOneWhileWorkRemainsAndRulesErrorsAreUsageErrors(@TempDir Path dir)
      throws Exception {
    Path rules = MigrationFixtures.rules(dir, OU);
    CliRun check = CliRun.of(MigrationFixtures.with(reader, "migrate", "check", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ouDn));
    assertEquals(1, check.status(), check.err());
    assertEquals("13 computers: 7 actions, cleanup-legacy 1, force-rotation 3, mirror-refresh 1,"
        + " mirror-to-windows 2;"
        + " 4 for a person; 1 waiting\nwork remains\n", check.out());
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "version: 1\nrules:\n  - name: x\n    target: legacy\n",
        StandardCharsets.UTF_8);
    CliRun invalid = CliRun.of(MigrationFixtures.with(reader, "migrate", "plan", "--rules",
        bad.toString(), "--base-dn", ouDn));
    assertEquals(2, invalid.status());
    assertEquals("lapsbridge: bad.yaml: rules[0].scope: expected exactly one of subtree: DN,"
        + " group: DN or name: PATTERN\n", invalid.err());
    CliRun noJournal = CliRun.of(MigrationFixtures.with(reader, "migrate", "resume",
        "--journal", dir.resolve("none.journal").toString()));
    assertEquals(2, noJournal.status());
    assertEquals("lapsbridge: usage: --journal " + dir.resolve("none.journal")
        + ": no such file\n", noJournal.err());
  }
}
