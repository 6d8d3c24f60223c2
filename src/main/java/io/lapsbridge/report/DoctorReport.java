package io.lapsbridge.report;

import io.lapsbridge.doctor.Finding;
import io.lapsbridge.doctor.Findings;
import io.lapsbridge.doctor.Status;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code doctor} prints: one row per finding. Text is a block per finding (status, check
 * and subject, then the evidence and the fix, indented); JSON is the array of rows; CSV has the
 * row's properties as columns.
 */
public final class DoctorReport {
  private static final String INDENT = "         ";

  private DoctorReport() {}

  /**
   * One finding as printed.
   *
   * @param check the check's name
   * @param status {@code ok}, {@code warning} or {@code problem}
   * @param subject what it is about
   * @param evidence what was seen
   * @param fix what to do; empty when ok
   */
  public record Row(String check, String status, String subject, String evidence, String fix) {
    static Row of(Finding finding) {
      return new Row(finding.check(), finding.status().label(), finding.subject(),
          finding.evidence(), finding.fix());
    }
  }

  public static void print(PrintWriter out, OutputFormat format, List<Finding> findings) {
    List<Row> rows = findings.stream().map(Row::of).toList();
    if (format == OutputFormat.CSV) {
      CsvOutput.write(out, List.of("check", "status", "subject", "evidence", "fix"), rows);
      out.flush();
      return;
    }
    format.print(out, rows, DoctorReport::text);
  }

  private static void text(PrintWriter out, List<Row> rows) {
    for (Row row : rows) {
      out.printf("%-8s %s: %s%n", row.status().toUpperCase(Locale.ROOT), row.check(),
          Visible.escape(row.subject()));
      out.println(INDENT + Visible.escape(row.evidence()));
      if (!row.fix().isEmpty()) {
        out.println(INDENT + "fix: " + Visible.escape(row.fix()));
      }
    }
  }

  /** The one-line tally for stderr, such as {@code doctor: 14 checks: 10 ok, 3 warnings, 1 problem}. */
  public static String summary(List<Finding> findings) {
    long problems = Findings.count(findings, Status.PROBLEM);
    long warnings = Findings.count(findings, Status.WARNING);
    return "doctor: " + findings.size() + " findings: " + Findings.count(findings, Status.OK)
        + " ok, " + warnings + (warnings == 1 ? " warning, " : " warnings, ") + problems
        + (problems == 1 ? " problem" : " problems");
  }
}
