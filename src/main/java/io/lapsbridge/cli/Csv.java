package io.lapsbridge.cli;

import java.util.List;

/**
 * RFC 4180 rows for {@code --format csv}: fields with a comma, quote or line break are quoted
 * and quotes doubled. Small enough not to justify another dependency.
 */
final class Csv {
  private Csv() {}

  static String row(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String field = fields.get(i) == null ? "" : fields.get(i);
      if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
          || field.indexOf('\r') >= 0) {
        line.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        line.append(field);
      }
    }
    return line.append("\r\n").toString();
  }
}
