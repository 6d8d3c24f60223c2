package io.lapsbridge.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EstateReader;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.migration.State;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inventory}: streams every computer through the paged search, classifies it, and prints
 * rows plus a summary. Never holds the estate: rows are written as they arrive.
 */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description = "Classify every computer's LAPS state: counts per state and OU, stale and conflicting machines.")
final class InventoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin MigrationOptions classification;

  /** Output formats of inventory. */
  enum Format { TEXT, JSON, CSV, HTML }

  @Option(names = "--format", defaultValue = "text", description = "text, json, csv or html (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--output", description = "Write to this file instead of stdout (html requires it).")
  Path output;

  @Override
  public Integer call() throws DirectoryException, IOException {
    if (format == Format.HTML && output == null) {
      throw new UsageException("--format html writes a report file: give --output FILE");
    }
    InventorySummary summary = new InventorySummary(classification.classifier());
    Writer writer = output == null
        ? spec.commandLine().getOut()
        : new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8);
    try (LapsDirectory directory = connection.open()) {
      EstateReader reader = new EstateReader(directory);
      switch (format) {
        case JSON:
          json(reader, summary, writer);
          break;
        case CSV:
          csv(reader, summary, writer);
          break;
        case HTML:
          reader.forEachComputer(null, summary::add);
          writer.write(InventoryHtml.render(summary, directory.baseDn()));
          break;
        default:
          reader.forEachComputer(null, summary::add);
          text(summary, new PrintWriter(writer));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      if (output != null) {
        writer.close();
      } else {
        writer.flush();
      }
    }
    return 0;
  }

  private void json(EstateReader reader, InventorySummary summary, Writer writer)
      throws DirectoryException, IOException {
    JsonGenerator json = new JsonFactory().createGenerator(writer).useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeStringField("asOf", summary.asOf().toString());
    json.writeArrayFieldStart("computers");
    reader.forEachComputer(null, c -> {
      State state = summary.add(c);
      try {
        json.writeStartObject();
        json.writeStringField("dn", c.dn());
        json.writeStringField("name", c.name());
        json.writeStringField("state", state.key());
        json.writeStringField("detail", state.detail());
        json.writeBooleanField("legacyPassword", c.legacyPassword());
        json.writeStringField("legacyExpiry", time(c.legacyExpiry()));
        json.writeBooleanField("windowsCleartext", c.windowsCleartext());
        json.writeBooleanField("windowsEncrypted", c.windowsEncrypted());
        json.writeStringField("windowsUpdated", time(c.windowsUpdated()));
        json.writeStringField("windowsExpiry", time(c.windowsExpiry()));
        json.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    json.writeEndArray();
    json.writeObjectFieldStart("summary");
    json.writeNumberField("computers", summary.total());
    json.writeObjectFieldStart("states");
    for (Map.Entry<String, Long> e : summary.byState().entrySet()) {
      json.writeNumberField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    json.writeObjectFieldStart("organizationalUnits");
    for (Map.Entry<String, Map<String, Long>> ou : summary.byOu().entrySet()) {
      json.writeObjectFieldStart(ou.getKey());
      for (Map.Entry<String, Long> e : ou.getValue().entrySet()) {
        json.writeNumberField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
    }
    json.writeEndObject();
    if (summary.oldestPassword().isPresent()) {
      json.writeStringField("oldestPassword", summary.oldestPassword().get().toString());
      json.writeStringField("oldestPasswordDn", summary.oldestPasswordDn().orElseThrow());
      json.writeNumberField("oldestPasswordAgeDays", summary.oldestAgeDays().orElseThrow());
    }
    json.writeEndObject();
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }

  private void csv(EstateReader reader, InventorySummary summary, Writer writer)
      throws DirectoryException, IOException {
    CsvSchema schema = CsvSchema.builder()
        .addColumn("dn").addColumn("name").addColumn("state").addColumn("detail")
        .addColumn("legacyExpiry").addColumn("windowsUpdated").addColumn("windowsExpiry")
        .build().withHeader().withLineSeparator("\n");
    try (SequenceWriter rows = new CsvMapper().writer(schema).writeValues(writer)) {
      reader.forEachComputer(null, c -> {
        State state = summary.add(c);
        try {
          rows.write(List.of(c.dn(), c.name(), state.key(), state.detail(),
              nullToEmpty(time(c.legacyExpiry())), nullToEmpty(time(c.windowsUpdated())),
              nullToEmpty(time(c.windowsExpiry()))));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("inventory: " + summary.total() + " computers");
    err.flush();
  }

  private static void text(InventorySummary summary, PrintWriter out) {
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
      out.printf("  %s (%d): %s%n", ou.getKey(), total, line);
    }
    out.println();
    if (summary.oldestPassword().isPresent()) {
      out.printf("Oldest password: %d days (written about %s) on %s%n",
          summary.oldestAgeDays().orElseThrow(), summary.oldestPassword().get(),
          summary.oldestPasswordDn().orElseThrow());
    } else {
      out.println("Oldest password: none stored");
    }
    for (Map.Entry<String, List<InventorySummary.Item>> group : summary.attention().entrySet()) {
      out.printf("%nNeeds attention (%s, %d):%n", group.getKey(),
          summary.byState().get(group.getKey()));
      for (InventorySummary.Item item : group.getValue()) {
        out.printf("  %s: %s%n", item.dn(), item.detail());
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

  private static String time(io.lapsbridge.model.FileTime time) {
    return time == null ? null : time.isNever() ? "never" : time.toInstant().toString();
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
