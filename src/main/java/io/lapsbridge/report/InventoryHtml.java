package io.lapsbridge.report;

import io.lapsbridge.migration.InventorySummary;
import java.util.List;
import java.util.Map;

/**
 * The self-contained HTML inventory report: an inline SVG bar chart of states, a table per OU,
 * and the stale, conflict and malformed computers. It is built from the summary, which holds
 * no password, so the report cannot contain one.
 */
final class InventoryHtml {
  private static final Map<String, String> COLOURS = Map.ofEntries(
      Map.entry("legacy-only", "#8c6d31"), Map.entry("windows-cleartext", "#6baed6"),
      Map.entry("windows-encrypted", "#2171b5"), Map.entry("side-by-side", "#9e9ac8"),
      Map.entry("neither", "#bdbdbd"), Map.entry("legacy-expired", "#fdae6b"),
      Map.entry("windows-expired", "#fd8d3c"), Map.entry("stale", "#d94801"),
      Map.entry("conflict", "#cb181d"), Map.entry("malformed", "#67000d"),
      Map.entry("unreadable", "#54278f"));

  private InventoryHtml() {}

  public static String render(InventorySummary summary, String base) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>LAPS inventory ").append(escape(base)).append("</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
            + "margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
            + "td.n{text-align:right}</style></head><body>\n")
        .append("<h1>LAPS inventory</h1>\n<p>Base <code>").append(escape(base))
        .append("</code>, as of ").append(summary.asOf()).append(": <strong>")
        .append(summary.total()).append("</strong> computers.");
    summary.oldestAgeDays().ifPresent(days -> html.append(" Oldest password: ").append(days)
        .append(" days, on <code>").append(escape(summary.oldestPasswordDn().orElseThrow()))
        .append("</code>."));
    html.append("</p>\n<h2>By state</h2>\n").append(chart(summary.byState(), summary.total()));
    html.append("<h2>By OU</h2>\n");
    for (Map.Entry<String, Map<String, Long>> ou : summary.byOu().entrySet()) {
      html.append("<h3>").append(escape(ou.getKey())).append("</h3>\n<table><tr><th>state</th>"
          + "<th>computers</th></tr>\n");
      for (Map.Entry<String, Long> e : ou.getValue().entrySet()) {
        html.append("<tr><td>").append(e.getKey()).append("</td><td class=\"n\">")
            .append(e.getValue()).append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    html.append("<h2>Needs attention</h2>\n");
    if (summary.attention().isEmpty()) {
      html.append("<p>No stale, conflicting or malformed computers.</p>\n");
    }
    for (Map.Entry<String, List<InventorySummary.Item>> group : summary.attention().entrySet()) {
      html.append("<h3 id=\"").append(group.getKey()).append("\">").append(group.getKey())
          .append(" (").append(summary.byState().get(group.getKey())).append(")</h3>\n")
          .append("<table><tr><th>computer</th><th>DN</th><th>why</th></tr>\n");
      for (InventorySummary.Item item : group.getValue()) {
        html.append("<tr><td>").append(escape(item.name())).append("</td><td><code>")
            .append(escape(item.dn())).append("</code></td><td>").append(escape(item.detail()))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static String chart(Map<String, Long> counts, long total) {
    int rowHeight = 24;
    int width = 640;
    int labelWidth = 150;
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
        .append("\" height=\"").append(rowHeight * counts.size() + 10)
        .append("\" aria-label=\"computers per LAPS state\">\n");
    int y = 5;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      long bar = max == 0 ? 0 : Math.round((width - labelWidth - 90) * (double) e.getValue() / max);
      svg.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-size=\"13\">")
          .append(e.getKey()).append("</text>")
          .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3)
          .append("\" width=\"").append(bar).append("\" height=\"").append(rowHeight - 6)
          .append("\" fill=\"").append(COLOURS.getOrDefault(e.getKey(), "#999")).append("\"/>")
          .append("<text x=\"").append(labelWidth + bar + 6).append("\" y=\"").append(y + 16)
          .append("\" font-size=\"13\">").append(e.getValue())
          .append(total == 0 ? "" : String.format(" (%.1f%%)", 100.0 * e.getValue() / total))
          .append("</text>\n");
      y += rowHeight;
    }
    return svg.append("</svg>\n").toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
