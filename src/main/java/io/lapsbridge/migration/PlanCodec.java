package io.lapsbridge.migration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.MalformedValueException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan file: JSON with a fixed key order and {@code \n} line ends, so the same plan gives the
 * same bytes on every platform. FILETIMEs are decimal strings, as LDAP carries them.
 */
public final class PlanCodec {
  public static final String FORMAT = "lapsbridge-migration-plan/1";
  // A key given twice is refused: a hand edit must not leave two values of which one is ignored.
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The fields each action kind has besides id, kind, dn, rule and reason. */
  /** The fields {@link #write} puts at the top level; a plan with any other is refused. */
  private static final Set<String> TOP_LEVEL_FIELDS = Set.of("format", "asOf", "rules",
      "allowDowngrade", "thresholds", "summary", "actions", "flags", "deferred");

  private static final Map<String, Set<String>> ACTION_FIELDS = Map.of(
      "force-rotation", Set.of("family", "seenExpiry", "newExpiry"),
      "cleanup-legacy", Set.of("seenLegacyExpiry", "seenWindowsExpiry", "windowsWrittenBy"),
      "mirror-to-windows",
      Set.of("seenLegacyExpiry", "account", "updated", "expires", "target", "decryptor"),
      "mirror-to-legacy", Set.of("seenWindowsExpiry", "expires"),
      "mirror-refresh", Set.of("seenLegacyExpiry", "seenUpdated", "account", "updated"),
      "clear-ad-after-entra", Set.of("deviceId", "entraBackup", "seenLegacyExpiry",
          "seenWindowsExpiry", "seenWindowsUpdated"));

  private PlanCodec() {}

  public static byte[] write(Plan plan) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("asOf", plan.asOf().toString());
    ObjectNode rules = root.putObject("rules");
    rules.put("file", plan.rulesFile());
    rules.put("sha256", plan.rulesSha256());
    root.put("allowDowngrade", plan.allowDowngrade());
    ObjectNode thresholds = root.putObject("thresholds");
    thresholds.put("staleDays", plan.thresholds().staleAfter().toDays());
    thresholds.put("conflictDays", plan.thresholds().conflictWindow().toDays());
    thresholds.put("legacyAgeDays", plan.thresholds().legacyAge().toDays());
    ObjectNode summary = root.putObject("summary");
    summary.put("computers", plan.computers());
    summary.put("unmatched", plan.unmatched());
    ObjectNode counts = summary.putObject("actions");
    for (Map.Entry<String, Integer> e : plan.actionCounts().entrySet()) {
      counts.put(e.getKey(), e.getValue());
    }
    summary.put("flags", plan.flags().size());
    summary.put("deferred", plan.deferred().size());
    ArrayNode actions = root.putArray("actions");
    int id = 1;
    for (Action action : plan.actions()) {
      actions.add(action(id++, action));
    }
    notes(root.putArray("flags"), plan.flags());
    notes(root.putArray("deferred"), plan.deferred());
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      String text = MAPPER.writer(printer).writeValueAsString(root) + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write the plan: " + e.getOriginalMessage(), e);
    }
  }

  private static ObjectNode action(int id, Action action) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", id);
    node.put("kind", action.kind());
    node.put("dn", action.dn());
    node.put("rule", action.rule());
    node.put("reason", action.reason());
    action.accept(new Action.Visitor<Void>() {
      @Override
      public Void forceRotation(Action.ForceRotation a) {
        node.put("family", a.legacy() ? "legacy" : "windows");
        time(node, "seenExpiry", a.seenExpiry());
        time(node, "newExpiry", a.newExpiry());
        return null;
      }

      @Override
      public Void cleanupLegacy(Action.CleanupLegacy a) {
        time(node, "seenLegacyExpiry", a.seenLegacyExpiry());
        time(node, "seenWindowsExpiry", a.seenWindowsExpiry());
        time(node, "windowsWrittenBy", a.windowsWrittenBy());
        return null;
      }

      @Override
      public Void mirrorToWindows(Action.MirrorToWindows a) {
        time(node, "seenLegacyExpiry", a.seenLegacyExpiry());
        node.put("account", a.account());
        time(node, "updated", a.updated());
        time(node, "expires", a.expires());
        // Only encrypted mirrors say so: cleartext plans stay byte-identical to before #14.
        if (a.encrypted()) {
          node.put("target", "encrypted");
          node.put("decryptor", a.decryptor());
        }
        return null;
      }

      @Override
      public Void mirrorToLegacy(Action.MirrorToLegacy a) {
        time(node, "seenWindowsExpiry", a.seenWindowsExpiry());
        time(node, "expires", a.expires());
        return null;
      }

      @Override
      public Void refreshMirror(Action.RefreshMirror a) {
        time(node, "seenLegacyExpiry", a.seenLegacyExpiry());
        time(node, "seenUpdated", a.seenUpdated());
        node.put("account", a.account());
        time(node, "updated", a.updated());
        return null;
      }

      @Override
      public Void clearAfterEntra(Action.ClearAfterEntra a) {
        node.put("deviceId", a.deviceId());
        node.put("entraBackup", a.entraBackup().toString());
        time(node, "seenLegacyExpiry", a.seenLegacyExpiry());
        time(node, "seenWindowsExpiry", a.seenWindowsExpiry());
        time(node, "seenWindowsUpdated", a.seenWindowsUpdated());
        return null;
      }
    });
    return node;
  }

  private static void time(ObjectNode node, String key, FileTime time) {
    if (time == null) {
      node.putNull(key);
    } else {
      node.put(key, FileTimeText.toDecimal(time));
    }
  }

  private static void notes(ArrayNode array, List<Plan.Note> notes) {
    for (Plan.Note note : notes) {
      ObjectNode node = array.addObject();
      node.put("dn", note.dn());
      node.put("state", note.state());
      if (note.rule() == null) {
        node.putNull("rule");
      } else {
        node.put("rule", note.rule());
      }
      node.put("reason", note.reason());
    }
  }

  /** Reads a plan file; any problem names the file and the field. */
  public static Plan read(String file, byte[] bytes) {
    Parsed parsed = parse(file, bytes, true);
    JsonNode root = parsed.head();
    Reader r = new Reader(file);
    Instant asOf = r.instant(root, "asOf");
    JsonNode t = root.path("thresholds");
    Thresholds thresholds = new Thresholds(Duration.ofDays(r.days(t, "staleDays")),
        Duration.ofDays(r.days(t, "conflictDays")), Duration.ofDays(r.days(t, "legacyAgeDays")));
    JsonNode summary = root.path("summary");
    return new Plan(asOf, r.text(root.path("rules"), "file"), r.text(root.path("rules"), "sha256"),
        root.path("allowDowngrade").asBoolean(), thresholds, r.number(summary, "computers"),
        r.number(summary, "unmatched"), parsed.actions(), r.notes(parsed.flags()),
        r.notes(parsed.deferred()));
  }

  /**
   * Reads only a plan's actions, as apply and resume need them. The flags and deferred lists,
   * often most of the file on a large estate, are checked for well-formed JSON and skipped.
   */
  public static List<Action> readActions(String file, byte[] bytes) {
    return parse(file, bytes, false).actions();
  }

  /** The top-level fields as a tree, the actions decoded, the notes as JSON (or empty). */
  private record Parsed(JsonNode head, List<Action> actions, List<JsonNode> flags,
      List<JsonNode> deferred) {}

  /**
   * Streams the file: each action and note is a small tree of its own, and notes that are not
   * wanted are never built. The format is checked before any action is decoded, so a file that
   * is not a plan says so rather than reporting its first odd-looking field.
   */
  private static Parsed parse(String file, byte[] bytes, boolean withNotes) {
    ObjectNode head = MAPPER.createObjectNode();
    List<JsonNode> actions = new ArrayList<>();
    List<JsonNode> flags = new ArrayList<>();
    List<JsonNode> deferred = new ArrayList<>();
    String unknown = null;
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notAPlan(file);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (unknown == null && !TOP_LEVEL_FIELDS.contains(name)) {
          // Reported after the format check: a file that is not a plan says that first.
          unknown = file + ": line " + parser.currentLocation().getLineNr() + ": unknown field '"
              + name + "' in a plan";
        }
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY && name.equals("actions")) {
          elements(parser, actions);
        } else if (value == JsonToken.START_ARRAY
            && (name.equals("flags") || name.equals("deferred"))) {
          if (withNotes) {
            elements(parser, name.equals("flags") ? flags : deferred);
          } else {
            parser.skipChildren();
          }
        } else {
          head.set(name, MAPPER.readTree(parser));
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new MigrationInputException(file + ": not a plan: unexpected content after the plan"
            + " at line " + parser.currentLocation().getLineNr() + ", column "
            + parser.currentLocation().getColumnNr());
      }
    } catch (JacksonException e) {
      throw new MigrationInputException(file + ": not a plan: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new MigrationInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(head.path("format").asText())) {
      throw notAPlan(file);
    }
    if (unknown != null) {
      throw new MigrationInputException(unknown);
    }
    Reader r = new Reader(file);
    List<Action> decoded = new ArrayList<>(actions.size());
    Map<JsonNode, Integer> seen = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) {
      JsonNode a = actions.get(i);
      String where = "actions[" + i + "]";
      if (!a.isObject()) {
        throw new MigrationInputException(file + ": " + where + ": expected an object");
      }
      if (r.number(a, "id") != i + 1) {
        throw new MigrationInputException(file + ": " + where + ".id: expected " + (i + 1));
      }
      decoded.add(r.action(where, a));
      // The same action twice (id aside) would be applied twice; only a hand edit makes that.
      ObjectNode withoutId = ((ObjectNode) a).deepCopy();
      withoutId.remove("id");
      Integer first = seen.putIfAbsent(withoutId, i);
      if (first != null) {
        throw new MigrationInputException(
            file + ": " + where + ": the same action as actions[" + first + "]");
      }
    }
    return new Parsed(head, decoded, flags, deferred);
  }

  private static void elements(JsonParser parser, List<JsonNode> into) throws java.io.IOException {
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      into.add(MAPPER.readTree(parser));
    }
  }

  private static MigrationInputException notAPlan(String file) {
    return new MigrationInputException(file + ": not a plan: expected \"format\": \"" + FORMAT
        + "\"");
  }

  /** Field access with messages that name the file and field. */
  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    Action action(String where, JsonNode a) {
      String dn = text(a, "dn");
      String rule = text(a, "rule");
      String reason = text(a, "reason");
      String kind = text(a, "kind");
      Set<String> fields = ACTION_FIELDS.get(kind);
      if (fields != null) {
        for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!fields.contains(name)
              && !Set.of("id", "kind", "dn", "rule", "reason").contains(name)) {
            throw new MigrationInputException(
                file + ": " + where + "." + name + ": unknown field for " + kind);
          }
        }
      }
      try {
        return switch (kind) {
          case "force-rotation" -> new Action.ForceRotation(dn, rule, reason,
              legacy(where, a), time(a, "seenExpiry", true),
              time(a, "newExpiry", false));
          case "cleanup-legacy" -> new Action.CleanupLegacy(dn, rule, reason,
              time(a, "seenLegacyExpiry", false), time(a, "seenWindowsExpiry", true),
              time(a, "windowsWrittenBy", false));
          case "mirror-to-windows" -> new Action.MirrorToWindows(dn, rule, reason,
              time(a, "seenLegacyExpiry", true), text(a, "account"), time(a, "updated", false),
              time(a, "expires", false), decryptor(where, a));
          case "mirror-to-legacy" -> new Action.MirrorToLegacy(dn, rule, reason,
              time(a, "seenWindowsExpiry", true), time(a, "expires", false));
          case "mirror-refresh" -> new Action.RefreshMirror(dn, rule, reason,
              time(a, "seenLegacyExpiry", false), time(a, "seenUpdated", false),
              text(a, "account"), time(a, "updated", false));
          case "clear-ad-after-entra" -> new Action.ClearAfterEntra(dn, rule, reason,
              text(a, "deviceId"), instant(a, "entraBackup"),
              time(a, "seenLegacyExpiry", true), time(a, "seenWindowsExpiry", true),
              time(a, "seenWindowsUpdated", true));
          default -> throw new MigrationInputException(
              file + ": " + where + ".kind: unknown '" + kind + "'");
        };
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new MigrationInputException(file + ": " + where + ": " + e.getMessage(), e);
      }
    }

    boolean legacy(String where, JsonNode a) {
      String family = text(a, "family");
      return switch (family) {
        case "legacy" -> true;
        case "windows" -> false;
        default -> throw new MigrationInputException(file + ": " + where
            + ".family: expected 'legacy' or 'windows', not '" + family + "'");
      };
    }

    /** A mirror's optional {@code target}/{@code decryptor} pair: null for cleartext. */
    private String decryptor(String where, JsonNode a) {
      JsonNode target = a.get("target");
      if (target == null) {
        return null;
      }
      if (!"encrypted".equals(target.asText())) {
        throw new MigrationInputException(file + ": " + where + ".target: expected encrypted,"
            + " found '" + target.asText() + "'");
      }
      return text(a, "decryptor");
    }

    List<Plan.Note> notes(List<JsonNode> array) {
      List<Plan.Note> notes = new ArrayList<>();
      for (JsonNode n : array) {
        JsonNode rule = n.get("rule");
        notes.add(new Plan.Note(text(n, "dn"), text(n, "state"),
            rule == null || rule.isNull() ? null : rule.asText(), text(n, "reason")));
      }
      return notes;
    }

    String text(JsonNode node, String key) {
      JsonNode value = node.get(key);
      if (value == null || !value.isTextual()) {
        throw new MigrationInputException(file + ": " + key + ": expected a string");
      }
      return value.asText();
    }

    long number(JsonNode node, String key) {
      JsonNode value = node.get(key);
      if (value == null || !value.isIntegralNumber()) {
        throw new MigrationInputException(file + ": " + key + ": expected a whole number");
      }
      return value.asLong();
    }

    /** A threshold: Duration.ofDays overflows past about 10^14 days, so bound it as an int. */
    long days(JsonNode node, String key) {
      long days = number(node, key);
      if (days < 0 || days > Integer.MAX_VALUE) {
        throw new MigrationInputException(file + ": " + key + ": expected 0 to " + Integer.MAX_VALUE
            + " days, found " + days);
      }
      return days;
    }

    Instant instant(JsonNode node, String key) {
      try {
        return Instant.parse(text(node, key));
      } catch (DateTimeParseException e) {
        throw new MigrationInputException(file + ": " + key + ": not an ISO-8601 instant");
      }
    }

    FileTime time(JsonNode node, String key, boolean nullable) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        if (nullable) {
          return null;
        }
        throw new MigrationInputException(file + ": " + key + ": expected a FILETIME");
      }
      try {
        return FileTimeText.parseDecimal(value.asText());
      } catch (MalformedValueException e) {
        throw new MigrationInputException(file + ": " + key + ": " + e.getMessage(), e);
      }
    }
  }
}
