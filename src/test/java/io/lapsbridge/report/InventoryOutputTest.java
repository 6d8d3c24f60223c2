package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lapsbridge.migration.Classifier;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.migration.State;
import io.lapsbridge.migration.Thresholds;
import io.lapsbridge.model.FileTime;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryOutputTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

  private static List<ComputerSnapshot> estate() {
    return List.of(
        new ComputerSnapshot("cn=LEG,ou=Finance,dc=example,dc=com", "LEG", true,
            FileTime.of(Instant.parse("2026-06-20T00:00:00Z")), false, null, null, false, false,
            List.of(), null),
        new ComputerSnapshot("cn=WIN \"1\",ou=Sales,dc=example,dc=com", "WIN 1", false, null, true,
            FileTime.of(Instant.parse("2026-05-20T00:00:00Z")),
            FileTime.of(Instant.parse("2026-06-19T00:00:00Z")), false, false, List.of(), "admin"),
        new ComputerSnapshot("cn=NONE,dc=example,dc=com", "NONE", false, null, false, null, null,
            false, false, List.of(), null));
  }

  private static InventorySummary summary() {
    return new InventorySummary(new Classifier(AS_OF, Thresholds.DEFAULTS));
  }

  private static String write(InventoryOutput.Format format, List<ComputerSnapshot> computers)
      throws IOException {
    StringWriter out = new StringWriter();
    InventoryOutput output = InventoryOutput.open(format, summary(), out, "dc=example,dc=com");
    computers.forEach(output::add);
    output.finish();
    return out.toString();
  }

  @Test
  void jsonIsByteIdenticalToTheHandStreamedDocumentItReplaced() throws IOException {
    for (List<ComputerSnapshot> computers : List.of(estate(), List.<ComputerSnapshot>of())) {
      assertEquals(handStreamed(computers), write(InventoryOutput.Format.JSON, computers));
    }
  }

  @Test
  void csvIsRfc4180WithCrlfAndQuotesOnlyWhereNeeded() throws IOException {
    assertEquals("dn,name,state,detail,legacyExpiry,windowsUpdated,windowsExpiry\r\n"
        + "\"cn=LEG,ou=Finance,dc=example,dc=com\",LEG,legacy-only,legacy LAPS only,"
        + "2026-06-20T00:00:00Z,,\r\n"
        + "\"cn=WIN \"\"1\"\",ou=Sales,dc=example,dc=com\",WIN 1,windows-cleartext,"
        + "\"Windows LAPS, cleartext\",,2026-05-20T00:00:00Z,2026-06-19T00:00:00Z\r\n"
        + "\"cn=NONE,dc=example,dc=com\",NONE,neither,no LAPS password,,,\r\n",
        write(InventoryOutput.Format.CSV, estate()));
  }

  /** The JSON writer inventory had before #12, kept as the reference for byte identity. */
  private static String handStreamed(List<ComputerSnapshot> computers) throws IOException {
    InventorySummary summary = summary();
    StringWriter writer = new StringWriter();
    JsonGenerator json = new JsonFactory().createGenerator(writer).useDefaultPrettyPrinter();
    json.writeStartObject();
    json.writeStringField("asOf", summary.asOf().toString());
    json.writeArrayFieldStart("computers");
    for (ComputerSnapshot c : computers) {
      State state = summary.add(c);
      json.writeStartObject();
      json.writeStringField("dn", c.dn());
      json.writeStringField("name", c.name());
      json.writeStringField("state", state.key());
      json.writeStringField("detail", state.detail());
      json.writeBooleanField("legacyPassword", c.legacyPassword());
      json.writeStringField("legacyExpiry", Times.isoOrNever(c.legacyExpiry()));
      json.writeBooleanField("windowsCleartext", c.windowsCleartext());
      json.writeBooleanField("windowsEncrypted", c.windowsEncrypted());
      json.writeStringField("windowsUpdated", Times.isoOrNever(c.windowsUpdated()));
      json.writeStringField("windowsExpiry", Times.isoOrNever(c.windowsExpiry()));
      json.writeEndObject();
    }
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
    return writer.toString();
  }
}
