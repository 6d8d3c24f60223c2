package io.lapsbridge.entra;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The strict reader of the Graph responses lapsbridge uses, on Jackson's streaming parser so that
 * a page of a 100k-device list is never held as a tree. Unknown fields are skipped (Graph adds
 * them over time); a known field of the wrong type, a missing {@code id}, or text that is not
 * JSON is a {@link GraphException.Kind#MALFORMED} naming the field and position. No message
 * quotes a value, since a damaged document may put a password anywhere.
 */
public final class GraphJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private GraphJson() {}

  /** Reads one object of a list; the parser stands on its START_OBJECT. */
  interface ItemReader<T> {
    T read(JsonParser parser, String where) throws IOException, GraphException;
  }

  /**
   * A single device's {@code deviceLocalCredentialInfo}: wrapped in {@code value} (as the
   * documentation shows, an object or a one-element array) or the object itself.
   */
  public static DeviceCredentials credentialInfo(byte[] body) throws GraphException {
    try (JsonParser parser = JSON.createParser(body)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT, parser, "the response");
      Map<String, Object> fields = new HashMap<>();
      List<LocalCredential> credentials = null;
      DeviceCredentials wrapped = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("value")) {
          wrapped = wrapped(parser, value);
        } else if (name.equals("credentials")) {
          credentials = credentials(parser, value, "credentials");
        } else {
          scalar(parser, value, name, fields);
        }
      }
      end(parser);
      if (wrapped != null) {
        return wrapped;
      }
      return info(fields, credentials, "the response", parser);
    } catch (JsonProcessingException e) {
      throw notJson("device credential response", e);
    } catch (IOException e) {
      throw new GraphException(GraphException.Kind.MALFORMED,
          "cannot read the device credential response: " + e.getClass().getSimpleName(), e);
    }
  }

  private static DeviceCredentials wrapped(JsonParser parser, JsonToken value)
      throws IOException, GraphException {
    if (value == JsonToken.START_OBJECT) {
      return object(parser, "value");
    }
    if (value == JsonToken.START_ARRAY) {
      DeviceCredentials only = null;
      int count = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        expect(parser.currentToken(), JsonToken.START_OBJECT, parser, "value[" + count + "]");
        only = object(parser, "value[" + count + "]");
        count++;
      }
      if (count != 1) {
        throw malformed("value holds " + count + " device credential objects, expected one",
            parser);
      }
      return only;
    }
    throw malformed("value is not an object or an array", parser);
  }

  private static DeviceCredentials object(JsonParser parser, String where)
      throws IOException, GraphException {
    Map<String, Object> fields = new HashMap<>();
    List<LocalCredential> credentials = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("credentials")) {
        credentials = credentials(parser, value, where + ".credentials");
      } else {
        scalar(parser, value, name, fields);
      }
    }
    return info(fields, credentials, where, parser);
  }

  private static DeviceCredentials info(Map<String, Object> fields,
      List<LocalCredential> credentials, String where, JsonParser parser) throws GraphException {
    String id = required(fields, "id", where, parser);
    return new DeviceCredentials(id, text(fields, "deviceName", where, parser),
        time(fields, "lastBackupDateTime", where, parser),
        time(fields, "refreshDateTime", where, parser),
        credentials == null ? List.of() : credentials);
  }

  private static List<LocalCredential> credentials(JsonParser parser, JsonToken value,
      String where) throws IOException, GraphException {
    if (value == JsonToken.VALUE_NULL) {
      return List.of();
    }
    expect(value, JsonToken.START_ARRAY, parser, where);
    List<LocalCredential> list = new ArrayList<>();
    try {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        String at = where + "[" + index++ + "]";
        expect(parser.currentToken(), JsonToken.START_OBJECT, parser, at);
        Map<String, Object> fields = new HashMap<>();
        String base64 = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken token = parser.nextToken();
          if (name.equals("passwordBase64")) {
            expect(token, JsonToken.VALUE_STRING, parser, at + ".passwordBase64");
            base64 = parser.getText();
          } else {
            scalar(parser, token, name, fields);
          }
        }
        if (base64 == null) {
          throw malformed(at + " has no passwordBase64", parser);
        }
        PasswordEncoding.Decoded decoded;
        try {
          decoded = PasswordEncoding.decode(base64);
        } catch (IllegalArgumentException e) {
          throw malformed(at + ": " + e.getMessage(), parser);
        }
        list.add(new LocalCredential(text(fields, "accountName", at, parser),
            text(fields, "accountSid", at, parser), time(fields, "backupDateTime", at, parser),
            decoded.password(), decoded.encoding()));
      }
      return list;
    } catch (IOException | GraphException | RuntimeException e) {
      list.forEach(c -> c.password().close());
      throw e;
    }
  }

  /**
   * Streams the objects of a collection page to {@code each} and returns its {@code
   * @odata.nextLink}, or null on the last page. The link may come before or after the array.
   */
  static <T> String page(InputStream body, ItemReader<T> reader, Consumer<? super T> each,
      String what) throws GraphException {
    try (JsonParser parser = JSON.createParser(body)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT, parser, what);
      String next = null;
      boolean sawValue = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("value")) {
          expect(value, JsonToken.START_ARRAY, parser, what + ".value");
          sawValue = true;
          int index = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            String at = "value[" + index++ + "]";
            expect(parser.currentToken(), JsonToken.START_OBJECT, parser, at);
            each.accept(reader.read(parser, at));
          }
        } else if (name.equals("@odata.nextLink")) {
          expect(value, JsonToken.VALUE_STRING, parser, "@odata.nextLink");
          next = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      end(parser);
      if (!sawValue) {
        throw malformed(what + " has no value array", parser);
      }
      return next;
    } catch (JsonProcessingException e) {
      throw notJson(what, e);
    } catch (IOException e) {
      throw new GraphException(GraphException.Kind.UNREACHABLE,
          "reading " + what + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** A page of {@code page} held in memory, for tests and small answers. */
  static <T> String page(byte[] body, ItemReader<T> reader, Consumer<? super T> each, String what)
      throws GraphException {
    return page(new java.io.ByteArrayInputStream(body), reader, each, what);
  }

  /** An entry of the device credential list. */
  static CredentialSummary summary(JsonParser parser, String where)
      throws IOException, GraphException {
    Map<String, Object> fields = flat(parser);
    return new CredentialSummary(required(fields, "id", where, parser),
        text(fields, "deviceName", where, parser),
        time(fields, "lastBackupDateTime", where, parser),
        time(fields, "refreshDateTime", where, parser));
  }

  /** An entry of {@code /devices}. */
  static EntraDevice device(JsonParser parser, String where) throws IOException, GraphException {
    Map<String, Object> fields = flat(parser);
    return new EntraDevice(required(fields, "id", where, parser),
        required(fields, "deviceId", where, parser),
        text(fields, "displayName", where, parser),
        text(fields, "onPremisesSecurityIdentifier", where, parser),
        text(fields, "trustType", where, parser));
  }

  /** An entry of Intune's {@code managedDevices}: its id. */
  static String managedDeviceId(JsonParser parser, String where)
      throws IOException, GraphException {
    return required(flat(parser), "id", where, parser);
  }

  /**
   * Graph's error body {@code {"error":{"code":..,"message":..}}}, or an empty error when the
   * body is something else: an error page must not hide the status that came with it.
   */
  public static GraphError error(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return GraphError.NONE;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("error") && value == JsonToken.START_OBJECT) {
          Map<String, Object> fields = flat(parser);
          Object code = fields.get("code");
          Object message = fields.get("message");
          return new GraphError(code instanceof String c ? c : "",
              message instanceof String m ? m : "");
        }
        parser.skipChildren();
      }
      return GraphError.NONE;
    } catch (IOException | GraphException e) {
      return GraphError.NONE;
    }
  }

  /**
   * Graph's error code and message.
   *
   * @param code such as {@code Authorization_RequestDenied}; empty when none was sent
   * @param message Graph's text; empty when none was sent
   */
  public record GraphError(String code, String message) {
    static final GraphError NONE = new GraphError("", "");

    /** "code: message", or what there is of it. */
    public String describe() {
      if (code.isEmpty()) {
        return message;
      }
      return message.isEmpty() ? code : code + ": " + message;
    }
  }

  // ---- fields ----

  /** The scalar fields of the object the parser stands in; nested values are skipped. */
  private static Map<String, Object> flat(JsonParser parser) throws IOException, GraphException {
    Map<String, Object> fields = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      scalar(parser, parser.nextToken(), name, fields);
    }
    return fields;
  }

  private static final Object NESTED = new Object();

  private static void scalar(JsonParser parser, JsonToken value, String name,
      Map<String, Object> fields) throws IOException, GraphException {
    if (value == null) {
      throw malformed("the document ends inside an object", parser);
    }
    switch (value) {
      case VALUE_STRING -> fields.put(name, parser.getText());
      case VALUE_NULL -> fields.put(name, null);
      case START_OBJECT, START_ARRAY -> {
        parser.skipChildren();
        fields.put(name, NESTED);
      }
      default -> fields.put(name, value);
    }
  }

  private static String required(Map<String, Object> fields, String name, String where,
      JsonParser parser) throws GraphException {
    String value = text(fields, name, where, parser);
    if (value == null || value.isBlank()) {
      throw malformed(where + " has no " + name, parser);
    }
    return value;
  }

  private static String text(Map<String, Object> fields, String name, String where,
      JsonParser parser) throws GraphException {
    Object value = fields.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    throw malformed(where + "." + name + " is not a string", parser);
  }

  private static Instant time(Map<String, Object> fields, String name, String where,
      JsonParser parser) throws GraphException {
    String value = text(fields, name, where, parser);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed(where + "." + name + " is not an ISO-8601 date and time with an offset",
          parser);
    }
  }

  private static void expect(JsonToken actual, JsonToken wanted, JsonParser parser, String where)
      throws GraphException {
    if (actual != wanted) {
      throw malformed(where + " is " + describe(actual) + ", expected " + describe(wanted),
          parser);
    }
  }

  private static void end(JsonParser parser) throws IOException, GraphException {
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw malformed("the document ends inside an object", parser);
    }
    if (parser.nextToken() != null) {
      throw malformed("text follows the JSON document", parser);
    }
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "missing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "misplaced";
    };
  }

  private static GraphException malformed(String message, JsonParser parser) {
    JsonLocation at = parser.currentLocation();
    return new GraphException(GraphException.Kind.MALFORMED, "Graph response: " + message
        + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
  }

  /** Jackson's own message can quote the input, so only its position is kept. */
  private static GraphException notJson(String what, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new GraphException(GraphException.Kind.MALFORMED,
        "Graph's " + what + " is not well-formed JSON" + where);
  }
}
