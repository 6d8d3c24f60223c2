package io.lapsbridge.report;

import java.io.PrintWriter;
import java.util.List;

/**
 * The rows of {@code permissions}: what a grant did to an ACL, and who an audit found. Text is
 * one tab-separated line per row; CSV has a header even when there are no rows, so a script
 * still sees the shape.
 */
public final class PermissionRows {
  private PermissionRows() {}

  /**
   * One ACE a grant added, widened or found present.
   *
   * @param action {@code added}, {@code widened}, {@code present}, or with --dry-run {@code
   *     would-add} and {@code would-widen}
   * @param ace the ACE in SDDL
   */
  public record GrantRow(String action, String ou, String family, String principal, String sid,
      String ace) {
    static final List<String> COLUMNS = List.of("action", "ou", "family", "principal", "sid", "ace");
  }

  /**
   * One principal an audit found.
   *
   * @param kind {@code ou}, {@code container} or {@code domain} (for a computer placed there),
   *     or {@code computer}
   * @param access {@code read}, {@code escalation} or (with --sacl) {@code audited}
   * @param why the ACE and where it is inherited from
   */
  public record AuditRow(String scope, String kind, String family, String access,
      String principal, String sid, String why) {
    static final List<String> COLUMNS =
        List.of("scope", "kind", "family", "access", "principal", "sid", "why");
  }

  public static void printGrants(PrintWriter out, OutputFormat format, List<GrantRow> rows) {
    print(out, format, GrantRow.COLUMNS, rows);
  }

  public static void printAudit(PrintWriter out, OutputFormat format, List<AuditRow> rows) {
    print(out, format, AuditRow.COLUMNS, rows);
  }

  private static void print(PrintWriter out, OutputFormat format, List<String> columns,
      List<?> rows) {
    if (format == OutputFormat.CSV) {
      CsvOutput.write(out, columns, rows);
      out.flush();
    } else {
      format.print(out, rows, TextOutput::tabSeparated);
    }
  }
}
