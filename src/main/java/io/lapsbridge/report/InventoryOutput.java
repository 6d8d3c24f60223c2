package io.lapsbridge.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.migration.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * What {@code inventory} prints. JSON and CSV stream one row per computer as the paged search
 * delivers it, so the estate is never held; text and HTML print the summary at the end. Each
 * computer is classified into the summary as it is added.
 */
public final class InventoryOutput {
  /** The formats of inventory. */
  public enum Format { TEXT, JSON, CSV, HTML }

  /** One computer's row: its state and the LAPS attributes it was classified from. */
  public record Row(String dn, String name, String state, String detail, boolean legacyPassword,
      String legacyExpiry, boolean windowsCleartext, boolean windowsEncrypted,
      String windowsUpdated, String windowsExpiry) {
    static Row of(ComputerSnapshot c, State state) {
      return new Row(c.dn(), c.name(), state.key(), state.detail(), c.legacyPassword(),
          Times.isoOrNever(c.legacyExpiry()), c.windowsCleartext(), c.windowsEncrypted(),
          Times.isoOrNever(c.windowsUpdated()), Times.isoOrNever(c.windowsExpiry()));
    }
  }

  /** The JSON summary after the rows; the oldest password only when one is stored. */
  record Summary(long computers, Map<String, Long> states,
      Map<String, Map<String, Long>> organizationalUnits,
      @JsonInclude(JsonInclude.Include.NON_NULL) String oldestPassword,
      @JsonInclude(JsonInclude.Include.NON_NULL) String oldestPasswordDn,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long oldestPasswordAgeDays) {
    static Summary of(InventorySummary s) {
      return new Summary(s.total(), s.byState(), s.byOu(),
          s.oldestPassword().map(Object::toString).orElse(null),
          s.oldestPasswordDn().orElse(null), s.oldestAgeDays().orElse(null));
    }
  }

  /** The CSV columns: the row without the presence flags. */
  private static final List<String> CSV_COLUMNS = List.of(
      "dn", "name", "state", "detail", "legacyExpiry", "windowsUpdated", "windowsExpiry");

  private final Format format;
  private final InventorySummary summary;
  private final Writer out;
  private final String baseDn;
  private JsonGenerator json;
  private CsvOutput.Rows csv;

  private InventoryOutput(Format format, InventorySummary summary, Writer out, String baseDn) {
    this.format = format;
    this.summary = summary;
    this.out = out;
    this.baseDn = baseDn;
  }

  /**
   * Starts the output on {@code out}.
   *
   * @param baseDn the searched base, named in the HTML report
   */
  public static InventoryOutput open(Format format, InventorySummary summary, Writer out,
      String baseDn) {
    InventoryOutput output = new InventoryOutput(format, summary, out, baseDn);
    try {
      if (format == Format.JSON) {
        output.json = JsonOutput.generator(out);
        output.json.writeStartObject();
        output.json.writeStringField("asOf", summary.asOf().toString());
        output.json.writeArrayFieldStart("computers");
      } else if (format == Format.CSV) {
        output.csv = CsvOutput.open(out, CSV_COLUMNS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return output;
  }

  /** Classifies one computer and, in JSON and CSV, writes its row. */
  public void add(ComputerSnapshot computer) {
    State state = summary.add(computer);
    try {
      if (json != null) {
        json.writeObject(Row.of(computer, state));
      } else if (csv != null) {
        csv.write(Row.of(computer, state));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the summary (JSON, text, HTML) or ends the table (CSV), and flushes. Not called when
   * the search fails, so a broken run never ends in a complete-looking document.
   */
  public void finish() throws IOException {
    switch (format) {
      case JSON -> {
        json.writeEndArray();
        json.writeFieldName("summary");
        json.writeObject(Summary.of(summary));
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
      }
      case CSV -> csv.close();
      case HTML -> out.write(InventoryHtml.render(summary, baseDn));
      default -> InventoryText.print(summary, new PrintWriter(out));
    }
    out.flush();
  }
}
