package io.lapsbridge.report;

import io.lapsbridge.directory.SchemaChange;
import io.lapsbridge.directory.SchemaReport;
import io.lapsbridge.directory.ServerKind;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * What {@code schema check} and {@code extend} print: per LAPS attribute its state and whether
 * computers may hold it, the remedy for a gap, and the changes as LDIF.
 */
public final class SchemaCheckTable {
  private static final String LAYOUT = "%-38s %-13s %-9s %s%n";

  private SchemaCheckTable() {}

  public static void print(PrintWriter out, SchemaReport report) {
    out.printf(LAYOUT, "ATTRIBUTE", "STATE", "COMPUTER", "DETAIL");
    for (SchemaReport.AttributeStatus status : report.attributes()) {
      out.printf(LAYOUT, status.attribute().ldapName(),
          status.state().name().toLowerCase(Locale.ROOT),
          status.linkedToComputer() ? "allowed" : "missing", Visible.escape(status.detail()));
    }
    out.flush();
  }

  /**
   * What to do about an incomplete schema: {@code schema extend} writes AD and ApacheDS only;
   * elsewhere (OpenLDAP) it would refuse, so the LDIF is applied by hand.
   */
  public static String remedy(SchemaReport report) {
    return report.server() == ServerKind.OTHER
        ? "the LAPS schema is incomplete; apply the missing family by hand (OpenLDAP:"
            + " `lapsbridge schema print --target openldap --family F` as the cn=config"
            + " administrator)"
        : "the LAPS schema is incomplete; `lapsbridge schema extend` adds what is missing";
  }

  /** {@code schema extend}'s changes as LDIF, each under a comment that says what it does. */
  public static void printChanges(PrintWriter out, List<SchemaChange> changes) {
    for (SchemaChange change : changes) {
      out.println("# " + change.description());
      out.println(change.ldif());
    }
    out.flush();
  }
}
