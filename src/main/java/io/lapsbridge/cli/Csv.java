package io.lapsbridge.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 4180 output for {@code --format csv}: the columns are the JSON keys of the records in
 * first-seen order, CRLF line ends, and fields quoted when they hold a comma, quote, CR or LF.
 * Missing and null values are empty fields.
 */
final class Csv {
  private Csv() {}

  static void write(PrintWriter out, List<Map<String, Object>> records) {
    Set<String> columns = new LinkedHashSet<>();
    records.forEach(r -> columns.addAll(r.keySet()));
    if (columns.isEmpty()) {
      return;
    }
    out.print(row(columns.stream().map(c -> (Object) c).toList()));
    for (Map<String, Object> record : records) {
      out.print(row(columns.stream().map(record::get).toList()));
    }
  }

  private static String row(List<Object> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(values.get(i)));
    }
    return line.append("\r\n").toString();
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0
        && text.indexOf('\n') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
