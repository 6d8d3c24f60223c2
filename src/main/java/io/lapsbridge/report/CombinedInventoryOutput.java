package io.lapsbridge.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code inventory --directory auto} (#16): one row per device across AD and Entra ID, with where
 * its password is kept and the two things the join-state rules forbid or a move leaves behind
 * flagged: a password current in both directories, and an AD copy left after the device moved
 * to Entra.
 */
public final class CombinedInventoryOutput {
  /** Where a device's password is kept. */
  public enum State {
    AD("ad", "backed up to Active Directory only"),
    ENTRA("entra", "backed up to Entra ID only"),
    BOTH_CURRENT("both-current", "a current password in both directories: Windows LAPS backs up"
        + " to one; check the device's BackupDirectory policy"),
    AD_COPY_LEFT("ad-copy-left", "an AD copy left after the device moved to Entra ID: Entra"
        + " holds a newer backup; Microsoft's guidance is to clear the AD LAPS attributes"),
    NONE("none", "no password in either directory");

    private final String key;
    private final String detail;

    State(String key, String detail) {
      this.key = key;
      this.detail = detail;
    }

    public String key() {
      return key;
    }

    /** Whether the row needs attention. */
    public boolean flagged() {
      return this == BOTH_CURRENT || this == AD_COPY_LEFT;
    }
  }

  /**
   * One device.
   *
   * @param name the AD computer's name, or the Entra device's
   * @param dn the AD DN, or null for a device only in Entra
   * @param sid the AD computer's SID, or null
   * @param deviceId the Entra deviceId, or null
   * @param matchedBy {@code sid} (hybrid join), {@code name} (fallback), or null
   * @param adUpdated the AD password's update time when known
   * @param adExpiry the AD password's expiry
   * @param entraBackup the newest Entra backup
   * @param state the state's key
   * @param detail what the state means
   */
  public record Row(String name, String dn, String sid, String deviceId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String matchedBy, boolean adPassword,
      String adUpdated, String adExpiry, String entraBackup, String state, String detail) {}

  /** Builds a row: the use case decides the state, this class only shapes it. */
  public static Row row(String name, String dn, String sid, String deviceId, String matchedBy,
      boolean adPassword, Instant adUpdated, Instant adExpiry, Instant entraBackup, State state) {
    return new Row(name, dn, sid, deviceId, matchedBy, adPassword, Times.iso(adUpdated),
        Times.iso(adExpiry), Times.iso(entraBackup), state.key, state.detail);
  }

  private static final List<String> COLUMNS = List.of("name", "dn", "sid", "deviceId",
      "matchedBy", "adPassword", "adUpdated", "adExpiry", "entraBackup", "state");

  private final Writer out;
  private final Map<String, Long> counts = new TreeMap<>();
  private long nameMatches;
  private JsonGenerator json;
  private CsvOutput.Rows csv;

  private CombinedInventoryOutput(Writer out) {
    this.out = out;
  }

  public static CombinedInventoryOutput open(InventoryOutput.Format format, Writer out,
      Instant asOf) {
    if (format == InventoryOutput.Format.HTML) {
      throw new IllegalArgumentException("no HTML report across directories");
    }
    CombinedInventoryOutput output = new CombinedInventoryOutput(out);
    try {
      if (format == InventoryOutput.Format.JSON) {
        output.json = JsonOutput.deviceList(out, asOf, "auto");
      } else if (format == InventoryOutput.Format.CSV) {
        output.csv = CsvOutput.open(out, COLUMNS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return output;
  }

  public void add(Row row) {
    counts.merge(row.state(), 1L, Long::sum);
    if ("name".equals(row.matchedBy())) {
      nameMatches++;
    }
    try {
      if (json != null) {
        json.writeObject(row);
      } else if (csv != null) {
        csv.write(row);
      } else {
        out.write(String.format("%-16s %-13s %-36s %s%n", Visible.escape(row.name()),
            row.state(), row.deviceId() == null ? "" : row.deviceId(),
            row.dn() == null ? "(Entra ID only)" : Visible.escape(row.dn())
                + ("name".equals(row.matchedBy()) ? " (matched by name)" : "")));
        if (!row.state().equals(State.AD.key) && !row.state().equals(State.ENTRA.key)
            && !row.state().equals(State.NONE.key)) {
          out.write("  ! " + row.detail() + System.lineSeparator());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many rows carry {@code state}. */
  public long count(State state) {
    return counts.getOrDefault(state.key, 0L);
  }

  public void finish() throws IOException {
    if (json != null) {
      json.writeEndArray();
      json.writeObjectFieldStart("summary");
      for (Map.Entry<String, Long> count : counts.entrySet()) {
        json.writeNumberField(count.getKey(), count.getValue());
      }
      json.writeNumberField("matchedByName", nameMatches);
      json.writeEndObject();
      json.writeEndObject();
      json.writeRaw('\n');
      json.flush();
    } else if (csv != null) {
      csv.close();
    } else {
      PrintWriter text = new PrintWriter(out);
      text.println();
      counts.forEach((state, n) -> text.printf("%-13s %d%n", state, n));
      if (nameMatches > 0) {
        text.printf("%d device(s) matched by name only (no on-premises SID in Entra)%n",
            nameMatches);
      }
      text.flush();
    }
    out.flush();
  }
}
