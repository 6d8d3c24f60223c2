package io.lapsbridge.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one CSV writer for {@code --format csv}, RFC 4180: a header row, CRLF line ends, and a field
 * quoted only when it holds a comma, a quote, CR or LF. Columns are the records' JSON properties;
 * a null is an empty field.
 *
 * <p>Spreadsheets evaluate a cell that begins with {@code = + - @}, a tab or a CR as a formula,
 * and names, messages and passwords come from the directory (a computer sets its own). Such a
 * text cell, and one that begins with {@code '}, is written with one {@code '} in front: a
 * spreadsheet shows the text, and a script gets the exact value back by removing one leading
 * {@code '} from a cell that has one. Numbers are written as they are. JSON is always exact.
 */
public final class CsvOutput {
  // Strict checking quotes exactly what RFC 4180 requires, not every long or spaced string.
  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private CsvOutput() {}

  /** Writes the records; the columns are their JSON properties in first-seen order. */
  public static void write(Writer out, List<?> records) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    for (Object record : records) {
      Map<String, Object> row = JsonOutput.properties(record);
      columns.addAll(row.keySet());
      rows.add(row);
    }
    if (columns.isEmpty()) {
      return;
    }
    write(out, List.copyOf(columns), rows);
  }

  /** Writes a header of {@code columns} (even for no records), then one row per record. */
  public static void write(Writer out, List<String> columns, List<?> records) {
    if (records.isEmpty()) {
      // Jackson writes the header with the first row; a header alone still tells a script the shape.
      try {
        out.write(String.join(",", columns) + "\r\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (Rows rows = open(out, columns)) {
      for (Object record : records) {
        rows.write(record);
      }
    }
  }

  /** {@code value} as a cell no spreadsheet evaluates; see the class comment for the rule. */
  static Object neutralize(Object value) {
    if (value instanceof String text && !text.isEmpty()
        && "=+-@\t\r'".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return value;
  }

  /** Starts a table of {@code columns} on {@code out}, for rows that arrive one at a time. */
  public static Rows open(Writer out, List<String> columns) {
    CsvSchema.Builder schema = CsvSchema.builder();
    columns.forEach(schema::addColumn);
    try {
      SequenceWriter writer = MAPPER.writer(schema.build().withHeader().withLineSeparator("\r\n"))
          .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .with(JsonGenerator.Feature.IGNORE_UNKNOWN)
          .writeValues(out);
      return new Rows(writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An open CSV table: one {@link #write} per record, then {@link #close}. */
  public static final class Rows implements AutoCloseable {
    private final SequenceWriter writer;

    private Rows(SequenceWriter writer) {
      this.writer = writer;
    }

    /** Writes one record: a report record or a map of column to value. */
    public void write(Object record) {
      try {
        Map<?, ?> row = record instanceof Map<?, ?> map ? map : JsonOutput.properties(record);
        Map<Object, Object> safe = new java.util.LinkedHashMap<>();
        row.forEach((column, value) -> safe.put(column, neutralize(value)));
        writer.write(safe);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Flushes the table; the underlying writer stays open. */
    @Override
    public void close() {
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
