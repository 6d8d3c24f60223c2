package io.lapsbridge.report;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The text layouts that records share; a record with its own table prints it itself. */
public final class TextOutput {
  private TextOutput() {}

  /**
   * One block per record, blocks separated by a blank line, one {@code Label : value} line per
   * property the record has and {@code labels} names (in the order of {@code labels}), as the
   * LAPS cmdlets print objects.
   */
  public static void labelled(PrintWriter out, List<?> records, Map<String, String> labels) {
    boolean first = true;
    for (Object record : records) {
      if (!first) {
        out.println();
      }
      first = false;
      Map<String, Object> properties = JsonOutput.properties(record);
      labels.forEach((property, label) -> {
        if (properties.containsKey(property)) {
          Object value = properties.get(property);
          out.printf("%-20s: %s%n", label, value == null ? "" : Visible.escape(value.toString()));
        }
      });
    }
  }

  /** Labels for {@link #labelled}, in order: property, label, property, label, ... */
  public static Map<String, String> labels(String... propertyLabelPairs) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i + 1 < propertyLabelPairs.length; i += 2) {
      labels.put(propertyLabelPairs[i], propertyLabelPairs[i + 1]);
    }
    return Collections.unmodifiableMap(labels);
  }

  /** One line per record: its property values separated by tabs (a tab in a value escaped). */
  public static void tabSeparated(PrintWriter out, List<?> records) {
    for (Object record : records) {
      out.println(JsonOutput.properties(record).values().stream()
          .map(v -> v == null ? "" : Visible.escape(v.toString())).collect(Collectors.joining("\t")));
    }
  }
}
