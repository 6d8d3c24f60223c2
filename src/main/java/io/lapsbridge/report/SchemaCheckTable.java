package io.lapsbridge.report;

import io.lapsbridge.directory.SchemaReport;
import java.io.PrintWriter;
import java.util.Locale;

/** The table of {@code schema check}: per LAPS attribute, its state and whether computers may hold it. */
public final class SchemaCheckTable {
  private static final String LAYOUT = "%-38s %-13s %-9s %s%n";

  private SchemaCheckTable() {}

  public static void print(PrintWriter out, SchemaReport report) {
    out.printf(LAYOUT, "ATTRIBUTE", "STATE", "COMPUTER", "DETAIL");
    for (SchemaReport.AttributeStatus status : report.attributes()) {
      out.printf(LAYOUT, status.attribute().ldapName(),
          status.state().name().toLowerCase(Locale.ROOT),
          status.linkedToComputer() ? "allowed" : "missing", status.detail());
    }
    out.flush();
  }
}
