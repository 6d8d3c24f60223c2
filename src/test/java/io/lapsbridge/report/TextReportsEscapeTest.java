package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.directory.SchemaReport;
import io.lapsbridge.directory.ServerKind;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Classifier;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.migration.GpoTranslation;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.migration.Plan;
import io.lapsbridge.migration.Thresholds;
import io.lapsbridge.migration.apply.ActionResult;
import io.lapsbridge.migration.apply.ApplyListener.Finished;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.LapsAttribute;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * #18 item 8: the text reports that print their own tables show control characters in names,
 * DNs and messages escaped (a computer writes its own LAPS attributes, and a person the rules).
 */
class TextReportsEscapeTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final String DN = "cn=EV\nIL\u001b[2J,ou=Finance,dc=example,dc=com";
  private static final String SHOWN = "cn=EV\\nIL\\x1B[2J,ou=Finance,dc=example,dc=com";

  private interface Printer {
    void print(PrintWriter out);
  }

  private static String text(Printer printer) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    printer.print(out);
    out.flush();
    return text.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void planTextEscapesDnsRulesAndReasons() {
    Action action = new Action.ForceRotation(DN, "ru\rle", "rea\tson", true, null,
        FileTime.of(AS_OF));
    Plan plan = new Plan(AS_OF, "rules\u0007.yaml", "0123456789abcdef", false,
        Thresholds.DEFAULTS, 1, 0, List.of(action),
        List.of(new Plan.Note(DN, "conflict", null, "why\u009b")),
        List.of(new Plan.Note(DN, "waiting", "r\nx", "grace")));
    String printed = text(out -> PlanText.print(out, plan));
    assertEquals("Migration plan as of 2026-06-01T00:00:00Z (rules rules\\x07.yaml, sha256"
        + " 0123456789ab)\n", printed.lines().findFirst().orElseThrow() + "\n");
    assertEquals(List.of(
        "   1  force-rotation  " + SHOWN, "      rule ru\\rle: rea\\tson",
        "FLAG  conflict  " + SHOWN, "      why\\x9B",
        "WAIT  waiting  " + SHOWN, "      rule r\\nx: grace"),
        printed.lines().skip(5).filter(l -> !l.isEmpty()).toList());
  }

  @Test
  void applyTextEscapesDnsAndReasons() {
    Action action = new Action.ForceRotation(DN, "rule", "reason", true, null,
        FileTime.of(AS_OF));
    List<Finished> results =
        List.of(new Finished(3, action, ActionResult.failed("denied\r\nforged")));
    assertEquals("3\tforce-rotation\t" + SHOWN + "\tfailed\tdenied\\r\\nforged\n",
        ApplyText.results(results, false));
    assertEquals("lapsbridge: action 3 on " + SHOWN + " failed: denied\\r\\nforged\n",
        ApplyText.failures(results));
  }

  @Test
  void inventoryTextEscapesDnsAndOus() {
    InventorySummary summary = new InventorySummary(new Classifier(AS_OF, Thresholds.DEFAULTS));
    String dn = "cn=PC\u001b,ou=Fi\nnance,dc=example,dc=com";
    summary.add(new ComputerSnapshot(dn, "PC", true,
        FileTime.of(Instant.parse("2026-01-01T00:00:00Z")), false, null, null, false, false,
        List.of(), null));
    String printed = text(out -> InventoryText.print(summary, out));
    List<String> lines = printed.lines().toList();
    assertEquals(true, lines.contains("  ou=Fi\\nnance,dc=example,dc=com (1): stale 1"), printed);
    assertEquals(true, lines.contains("  cn=PC\\x1B,ou=Fi\\nnance,dc=example,dc=com: "
        + summary.attention().values().iterator().next().get(0).detail()), printed);
    assertEquals(false, printed.contains("\u001b") || printed.contains("Fi\nnance"), printed);
  }

  @Test
  void translationTableEscapesValuesAndWarnings() {
    String printed = text(out -> TranslationTable.print(out, List.of(new GpoTranslation.Line(
        "AdminAccountName", "adm\u001bin", "AdministratorAccountName", null, "odd\nvalue"))));
    assertEquals(String.format("%-32s %-22s -> %-38s %s%n", "AdminAccountName", "adm\\x1Bin",
        "AdministratorAccountName", "-").replace(System.lineSeparator(), "\n")
        + "    warning: odd\\nvalue\n", printed.substring(printed.indexOf('\n') + 1));
  }

  @Test
  void schemaCheckTableEscapesDetails() {
    String printed = text(out -> SchemaCheckTable.print(out, new SchemaReport(ServerKind.OTHER,
        List.of(new SchemaReport.AttributeStatus(LapsAttribute.LEGACY_PASSWORD,
            SchemaReport.State.INCOMPATIBLE, false, "syntax\r\u001b[1m")))));
    assertEquals(String.format("%-38s %-13s %-9s %s%n", "ms-Mcs-AdmPwd", "incompatible",
        "missing", "syntax\\r\\x1B[1m").replace(System.lineSeparator(), "\n"),
        printed.substring(printed.indexOf('\n') + 1));
  }
}
