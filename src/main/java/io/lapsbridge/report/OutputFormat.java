package io.lapsbridge.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiConsumer;

/** How a command prints a list on stdout. */
public enum OutputFormat {
  TEXT,
  JSON,
  /** RFC 4180: a header row of the JSON keys, then one row per record. */
  CSV;

  /**
   * Prints {@code records} in this format: a JSON array, CSV with the records' properties as
   * columns, or the command's own text layout.
   */
  public <T> void print(PrintWriter out, List<T> records, BiConsumer<PrintWriter, List<T>> text) {
    switch (this) {
      case JSON -> out.println(JsonOutput.write(records));
      case CSV -> CsvOutput.write(out, records);
      default -> text.accept(out, records);
    }
    out.flush();
  }
}
