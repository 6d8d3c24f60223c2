package io.lapsbridge.report;

import io.lapsbridge.migration.InventorySummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The text inventory: counts per state and OU, the oldest password, what needs attention. */
final class InventoryText {
  private InventoryText() {}

  static void print(InventorySummary summary, PrintWriter out) {
    out.printf("LAPS inventory as of %s: %d computers%n%n", summary.asOf(), summary.total());
    out.println("By state:");
    for (Map.Entry<String, Long> e : summary.byState().entrySet()) {
      out.printf("  %-18s %8d%s%n", e.getKey(), e.getValue(),
          percent(e.getValue(), summary.total()));
    }
    out.println();
    out.println("By OU:");
    for (Map.Entry<String, Map<String, Long>> ou : summary.byOu().entrySet()) {
      StringBuilder line = new StringBuilder();
      long total = 0;
      for (Map.Entry<String, Long> e : ou.getValue().entrySet()) {
        line.append(line.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
            .append(e.getValue());
        total += e.getValue();
      }
      out.printf("  %s (%d): %s%n", Visible.escape(ou.getKey()), total, line);
    }
    out.println();
    if (summary.oldestPassword().isPresent()) {
      out.printf("Oldest password: %d days (written about %s) on %s%n",
          summary.oldestAgeDays().orElseThrow(), summary.oldestPassword().get(),
          Visible.escape(summary.oldestPasswordDn().orElseThrow()));
    } else {
      out.println("Oldest password: none stored");
    }
    for (Map.Entry<String, List<InventorySummary.Item>> group : summary.attention().entrySet()) {
      out.printf("%nNeeds attention (%s, %d):%n", group.getKey(),
          summary.byState().get(group.getKey()));
      for (InventorySummary.Item item : group.getValue()) {
        out.printf("  %s: %s%n", Visible.escape(item.dn()), Visible.escape(item.detail()));
      }
      long hidden = summary.byState().get(group.getKey()) - group.getValue().size();
      if (hidden > 0) {
        out.printf("  ... and %d more (use --format csv for all)%n", hidden);
      }
    }
    out.flush();
  }

  private static String percent(long part, long total) {
    return total == 0 || part == 0 ? "" : String.format("  %5.1f%%", 100.0 * part / total);
  }
}
