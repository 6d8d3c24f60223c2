package io.lapsbridge.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lapsbridge.entra.CredentialSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code inventory --directory entra}: one row per device with a backed-up password, written as
 * the pages arrive (text, JSON or CSV), then a summary. Only the count and the oldest backup are
 * kept, so a tenant of any size streams in constant memory.
 */
public final class EntraInventoryOutput {
  /** One device's row: metadata only, as the list endpoint gives it. */
  public record Row(String deviceName, String deviceId, String lastBackup, String refresh,
      Long backupAgeDays) {
    static Row of(CredentialSummary device, Instant asOf) {
      return new Row(device.deviceName(), device.deviceId(), Times.iso(device.lastBackup()),
          Times.iso(device.refresh()), device.lastBackup() == null ? null
              : Duration.between(device.lastBackup(), asOf).toDays());
    }
  }

  private static final List<String> COLUMNS =
      List.of("deviceName", "deviceId", "lastBackup", "refresh", "backupAgeDays");

  private final Writer out;
  private final Instant asOf;
  private JsonGenerator json;
  private CsvOutput.Rows csv;
  private long devices;
  private CredentialSummary oldest;

  private EntraInventoryOutput(Writer out, Instant asOf) {
    this.out = out;
    this.asOf = asOf;
  }

  /** Starts the output; HTML is not offered for Entra. */
  public static EntraInventoryOutput open(InventoryOutput.Format format, Writer out,
      Instant asOf) {
    if (format == InventoryOutput.Format.HTML) {
      throw new IllegalArgumentException("no HTML report for Entra ID");
    }
    EntraInventoryOutput output = new EntraInventoryOutput(out, asOf);
    try {
      if (format == InventoryOutput.Format.JSON) {
        output.json = JsonOutput.deviceList(out, asOf, "entra");
      } else if (format == InventoryOutput.Format.CSV) {
        output.csv = CsvOutput.open(out, COLUMNS);
      } else {
        out.write(String.format("%-24s %-36s %-24s %s%n", "DeviceName", "DeviceId",
            "LastBackup", "Refresh"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return output;
  }

  /** Writes one device's row. */
  public void add(CredentialSummary device) {
    devices++;
    if (device.lastBackup() != null
        && (oldest == null || device.lastBackup().isBefore(oldest.lastBackup()))) {
      oldest = device;
    }
    Row row = Row.of(device, asOf);
    try {
      if (json != null) {
        json.writeObject(row);
      } else if (csv != null) {
        csv.write(row);
      } else {
        out.write(String.format("%-24s %-36s %-24s %s%n", Visible.escape(nullToEmpty(
            row.deviceName())), row.deviceId(), nullToEmpty(row.lastBackup()),
            nullToEmpty(row.refresh())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long devices() {
    return devices;
  }

  /** Ends the document with the summary, and flushes. */
  public void finish(int pages) throws IOException {
    if (json != null) {
      json.writeEndArray();
      json.writeObjectFieldStart("summary");
      json.writeNumberField("devices", devices);
      json.writeNumberField("pages", pages);
      if (oldest != null) {
        json.writeStringField("oldestBackup", oldest.lastBackup().toString());
        json.writeStringField("oldestBackupDevice", oldest.deviceName());
      }
      json.writeEndObject();
      json.writeEndObject();
      json.writeRaw('\n');
      json.flush();
    } else if (csv != null) {
      csv.close();
    } else {
      PrintWriter text = new PrintWriter(out);
      text.printf("%nEntra ID: %d device(s) with a backed-up password (%d page(s))%n", devices,
          pages);
      if (oldest != null) {
        text.printf("Oldest backup: %s (%s)%n", oldest.lastBackup(),
            Visible.escape(nullToEmpty(oldest.deviceName())));
      }
      text.flush();
    }
    out.flush();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
