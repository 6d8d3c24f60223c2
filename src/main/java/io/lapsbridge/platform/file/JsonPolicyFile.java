package io.lapsbridge.platform.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.lapsbridge.model.JoinState;
import io.lapsbridge.policy.PolicyRoot;
import io.lapsbridge.policy.PolicySource;
import io.lapsbridge.policy.RawValue;
import io.lapsbridge.policy.RootSettings;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A policy file in JSON: each root is an object of registry value names to numbers (DWORD) or
 * strings (REG_SZ), and {@code device} optionally states the device facts.
 *
 * <pre>{@code
 * {
 *   "gpo":       { "BackupDirectory": 2, "PasswordAgeDays": 30 },
 *   "legacyGpo": { "AdmPwdEnabled": 1 },
 *   "device":    { "joinState": "ad", "domainController": false,
 *                  "legacyCseInstalled": false, "domainFunctionalLevel": 2016 }
 * }
 * }</pre>
 *
 * <p>Root names are {@code csp}, {@code gpo}, {@code localConfig} and {@code legacyGpo}. Unknown
 * members, duplicate names and other types are errors ({@code file:line:column: error}), because
 * a typo in a policy file must not silently change a security decision.
 */
public final class JsonPolicyFile implements PolicySource {
  private static final Map<String, PolicyRoot> ROOT_NAMES = Map.of(
      "csp", PolicyRoot.CSP,
      "gpo", PolicyRoot.GPO,
      "localConfig", PolicyRoot.LOCAL_CONFIG,
      "legacyGpo", PolicyRoot.LEGACY_GPO);

  private final String file;
  private final Map<PolicyRoot, RootSettings> roots;
  private final DeviceHints device;

  private JsonPolicyFile(String file, Map<PolicyRoot, RootSettings> roots, DeviceHints device) {
    this.file = file;
    this.roots = roots;
    this.device = device;
  }

  /** Parses {@code bytes} (UTF-8 JSON); {@code file} names it in errors. */
  public static JsonPolicyFile parse(String file, byte[] bytes) {
    JsonFactory factory = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    try (JsonParser parser = factory.createParser(bytes)) {
      return new Reader(file, parser).file();
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new PolicyFileException(file, at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(), e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new PolicyFileException(file, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  public DeviceHints device() {
    return device;
  }

  @Override
  public String describe() {
    return file;
  }

  @Override
  public RootSettings read(PolicyRoot root) {
    return roots.getOrDefault(root, RootSettings.empty(root));
  }

  /** One pass over the token stream. */
  private static final class Reader {
    private final String file;
    private final JsonParser parser;

    Reader(String file, JsonParser parser) {
      this.file = file;
      this.parser = parser;
    }

    JsonPolicyFile file() throws IOException {
      Map<PolicyRoot, RootSettings> roots = new EnumMap<>(PolicyRoot.class);
      DeviceHints device = DeviceHints.none();
      expectStart("the policy file must be a JSON object");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        PolicyRoot root = ROOT_NAMES.get(name);
        if (root == null && !name.equals("device")) {
          // Checked before advancing, so the error points at the member name.
          throw error("unknown member \"" + name
              + "\" (expected csp, gpo, localConfig, legacyGpo or device)");
        }
        parser.nextToken();
        if (root != null) {
          roots.put(root, root(root));
        } else {
          device = device();
        }
      }
      if (parser.nextToken() != null) {
        throw error("unexpected content after the policy object");
      }
      return new JsonPolicyFile(file, roots, device);
    }

    private RootSettings root(PolicyRoot root) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw error("\"" + rootName(root) + "\" must be an object of value names");
      }
      Map<String, RawValue> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (values.containsKey(name)) {
          throw error("duplicate value name \"" + name + "\" (names are case-insensitive)");
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
          if (!parser.getNumberType().equals(JsonParser.NumberType.INT)
              && !parser.getNumberType().equals(JsonParser.NumberType.LONG)) {
            throw error("\"" + name + "\" is too large for a registry value");
          }
          values.put(name, RawValue.of(parser.getLongValue()));
        } else if (token == JsonToken.VALUE_STRING) {
          values.put(name, RawValue.of(parser.getText()));
        } else {
          throw error("\"" + name + "\" must be an integer or a string");
        }
      }
      return new RootSettings(root, values);
    }

    private DeviceHints device() throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw error("\"device\" must be an object");
      }
      Optional<JoinState> join = Optional.empty();
      Optional<Boolean> dc = Optional.empty();
      Optional<Boolean> cse = Optional.empty();
      OptionalInt dfl = OptionalInt.empty();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case "joinState" -> {
            if (token != JsonToken.VALUE_STRING) {
              throw error("\"joinState\" must be one of entra, ad, hybrid, none");
            }
            join = Optional.of(joinState(parser.getText()));
          }
          case "domainController" -> dc = Optional.of(bool(name, token));
          case "legacyCseInstalled" -> cse = Optional.of(bool(name, token));
          case "domainFunctionalLevel" -> {
            if (token != JsonToken.VALUE_NUMBER_INT
                || parser.getNumberType() != JsonParser.NumberType.INT) {
              throw error("\"domainFunctionalLevel\" must be a year such as 2016");
            }
            dfl = OptionalInt.of(parser.getIntValue());
          }
          default -> throw error("unknown device member \"" + name + "\" (expected joinState,"
                + " domainController, legacyCseInstalled or domainFunctionalLevel)");
        }
      }
      return new DeviceHints(join, dc, cse, dfl);
    }

    private JoinState joinState(String text) {
      for (JoinState state : JoinState.values()) {
        if (state.cliName().equals(text.toLowerCase(Locale.ROOT))) {
          return state;
        }
      }
      throw error("\"joinState\" must be one of entra, ad, hybrid, none, not \"" + text + "\"");
    }

    private boolean bool(String name, JsonToken token) {
      if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
        return token == JsonToken.VALUE_TRUE;
      }
      throw error("\"" + name + "\" must be true or false");
    }

    private void expectStart(String message) throws IOException {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw error(message);
      }
    }

    private PolicyFileException error(String message) {
      JsonLocation at = parser.currentTokenLocation();
      return new PolicyFileException(file, at.getLineNr(), at.getColumnNr(), message);
    }

    private static String rootName(PolicyRoot root) {
      return ROOT_NAMES.entrySet().stream()
          .filter(e -> e.getValue() == root)
          .map(Map.Entry::getKey)
          .findFirst()
          .orElseThrow();
    }
  }
}
