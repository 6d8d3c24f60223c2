package io.lapsbridge.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import java.io.IOException;
import java.io.StringWriter;

/**
 * The {@code msLAPS-Password} JSON: {@code {"n":"<account>","t":"<FILETIME hex>","p":"<pw>"}}.
 *
 * <p>The same document is the plaintext inside {@code msLAPS-EncryptedPassword}. Rules:
 *
 * <ul>
 *   <li>{@code n}, {@code t} and {@code p} are required strings; a missing, repeated, null or
 *       non-string key is an error.
 *   <li>Key order and insignificant white space do not matter.
 *   <li>Unknown keys are ignored, so a future Windows field does not break reading.
 *   <li>Writing produces Windows' own compact form, keys in {@code n,t,p} order.
 * </ul>
 *
 * Error messages never contain the document, because it holds the password.
 */
public final class WindowsLapsPasswordJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** A decoded document. */
  public record Value(String account, FileTime updated, Secret password) {
    public Value {
      if (account == null || account.isEmpty()) {
        throw new IllegalArgumentException("account name must not be empty");
      }
      if (updated == null || password == null) {
        throw new IllegalArgumentException("update time and password are required");
      }
    }
  }

  private WindowsLapsPasswordJson() {}

  public static Value parse(String json) throws MalformedValueException {
    if (json == null || json.isBlank()) {
      throw new MalformedValueException("msLAPS-Password JSON is empty");
    }
    String account = null;
    String time = null;
    String password = null;
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedValueException("msLAPS-Password is not a JSON object");
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        JsonToken valueToken = parser.nextToken();
        boolean known = key.equals("n") || key.equals("t") || key.equals("p");
        if (!known) {
          parser.skipChildren();
          continue;
        }
        if (valueToken != JsonToken.VALUE_STRING) {
          throw new MalformedValueException(
              "msLAPS-Password JSON key '" + key + "' is not a string");
        }
        switch (key) {
          case "n" -> account = parser.getText();
          case "t" -> time = parser.getText();
          default -> password = parser.getText();
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw new MalformedValueException("msLAPS-Password JSON object is not closed");
      }
      if (parser.nextToken() != null) {
        throw new MalformedValueException("msLAPS-Password JSON has data after the object");
      }
    } catch (JsonProcessingException e) {
      throw new MalformedValueException(describe(e));
    } catch (IOException e) {
      throw new MalformedValueException("msLAPS-Password JSON could not be read", e);
    }
    requirePresent(account, "n");
    requirePresent(time, "t");
    requirePresent(password, "p");
    if (account.isEmpty()) {
      throw new MalformedValueException("msLAPS-Password JSON key 'n' (account) is empty");
    }
    FileTime updated;
    try {
      updated = FileTimeText.parseHex(time);
    } catch (MalformedValueException e) {
      // Not the value itself: a writer that swapped fields would put the password in 't'.
      throw new MalformedValueException("msLAPS-Password JSON key 't': "
          + e.getMessage().replaceFirst("'(?s:.*)' ", ""));
    }
    return new Value(account, updated, Secret.of(password));
  }

  /** Writes Windows' compact form. The result contains the password: handle it as a secret. */
  public static String format(Value value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeStringField("n", value.account());
      generator.writeStringField("t", FileTimeText.toHex(value.updated()));
      generator.writeStringField("p", value.password().reveal());
      generator.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory failed", e);
    }
    return out.toString();
  }

  private static void requirePresent(String value, String key) throws MalformedValueException {
    if (value == null) {
      throw new MalformedValueException("msLAPS-Password JSON lacks the required key '" + key + "'");
    }
  }

  /** Jackson's own message quotes the input; keep only the position and a neutral reason. */
  private static String describe(JsonProcessingException e) {
    String reason =
        e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
            ? "has a duplicate key"
            : "is not valid JSON";
    var location = e.getLocation();
    String where = location == null ? "" : " (at column " + location.getColumnNr() + ")";
    return "msLAPS-Password JSON " + reason + where;
  }
}
