package io.lapsbridge.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON writer for {@code --format json}: Jackson databind on the report records, keys in
 * component order, pretty printed with Jackson's default printer.
 */
public final class JsonOutput {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  /** The value as a pretty-printed document, without a trailing newline. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A pretty-printing generator over {@code out}, for output that streams as it is read. */
  static JsonGenerator generator(Writer out) throws IOException {
    return MAPPER.createGenerator(out).useDefaultPrettyPrinter();
  }

  /**
   * A streamed device report's opening (an object with {@code asOf}, {@code directory} and a
   * {@code devices} array), left open for one object per device.
   */
  static JsonGenerator deviceList(Writer out, java.time.Instant asOf, String directory)
      throws IOException {
    JsonGenerator json = generator(out);
    json.writeStartObject();
    json.writeStringField("asOf", asOf.toString());
    json.writeStringField("directory", directory);
    json.writeArrayFieldStart("devices");
    return json;
  }

  /** The record's JSON properties in order, as CSV and text see them. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Object record) {
    return MAPPER.convertValue(record, LinkedHashMap.class);
  }
}
