package io.lapsbridge.migration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.lapsbridge.model.Sid;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A versioned rule file (YAML, or JSON, which YAML reads too). Rules are tried in file order;
 * the first whose scope covers a computer decides for it.
 *
 * <pre>
 * version: 1
 * rules:
 *   - name: finance-to-windows
 *     scope: {subtree: "OU=Finance,DC=example,DC=com"}   # or {group: DN} or {name: "FIN-*"}
 *     target: windows-encrypted   # legacy | windows-cleartext | windows-encrypted | side-by-side
 *     forceRotation: true         # default true for Windows targets
 *     cleanupLegacy: true         # default false
 *     graceDays: 7                # default 7
 *     mirror: false               # default false; true or {target: cleartext} is the same;
 *                                 # {target: encrypted, decryptor: "S-1-5-21-...-512"} (#14)
 *     account: Administrator      # the account a mirror records
 *     afterEntraMove: clear       # default keep; clear the AD LAPS attributes once the Entra
 *                                 # device (matched by SID) holds a newer backup (#16)
 * </pre>
 *
 * @param file the file name, for messages and the plan
 * @param sha256 the hex SHA-256 of the file's bytes, recorded in the plan
 * @param rules in file order
 */
public record Rules(String file, String sha256, List<Rule> rules) {
  public static final int VERSION = 1;
  private static final Set<String> TOP_KEYS = Set.of("version", "rules");
  private static final Set<String> RULE_KEYS =
      Set.of("name", "scope", "target", "forceRotation", "cleanupLegacy", "graceDays", "mirror",
          "account", "description", "afterEntraMove");
  private static final Set<String> MIRROR_KEYS = Set.of("target", "decryptor");
  private static final Pattern SID = Pattern.compile("(?i)S-1-\\d+(-\\d+)+");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public Rules {
    rules = List.copyOf(rules);
  }

  /** The first rule covering the computer. */
  public Optional<Rule> ruleFor(ComputerSnapshot computer, Map<String, Set<String>> groups) {
    for (Rule rule : rules) {
      if (rule.scope().covers(computer, groups)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** Every group DN a rule scopes to; the caller resolves their members before planning. */
  public List<String> groupDns() {
    List<String> dns = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.scope() instanceof Scope.Group group) {
        dns.add(group.groupDn());
      }
    }
    return dns;
  }

  /** Whether a rule asks for the Entra step, so planning needs Entra (#16). */
  public boolean needEntra() {
    return rules.stream().anyMatch(Rule::clearAfterEntra);
  }

  /** Parses and validates a rule file; every problem names the file and the path inside it. */
  public static Rules parse(String file, byte[] bytes) {
    JsonNode root;
    try {
      root = YAML.readTree(bytes);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":"
          + e.getLocation().getColumnNr();
      throw new MigrationInputException(file + where + ": not valid YAML or JSON: "
          + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new MigrationInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MigrationInputException(file + ": expected a mapping with 'version' and 'rules'");
    }
    unknownKeys(file, "", root, TOP_KEYS);
    JsonNode version = root.get("version");
    if (version == null || !version.canConvertToInt() || version.asInt() != VERSION) {
      throw new MigrationInputException(file + ": version: expected " + VERSION + ", found "
          + (version == null ? "nothing" : version.asText()));
    }
    JsonNode list = root.get("rules");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new MigrationInputException(file + ": rules: expected a non-empty list of rules");
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String where = file + ": rules[" + i + "]";
      Rule rule = rule(where, list.get(i));
      if (!names.add(rule.name().toLowerCase(Locale.ROOT))) {
        throw new MigrationInputException(where + ".name: '" + rule.name() + "' is used twice");
      }
      rules.add(rule);
    }
    return new Rules(file, sha256(bytes), rules);
  }

  private static Rule rule(String where, JsonNode node) {
    if (!node.isObject()) {
      throw new MigrationInputException(where + ": expected a mapping");
    }
    unknownKeys(where, ".", node, RULE_KEYS);
    String name = text(where + ".name", node.get("name"));
    Target target = Target.parse(text(where + ".target", node.get("target")), where + ".target");
    Scope scope = scope(where + ".scope", node.get("scope"));
    boolean force = bool(where + ".forceRotation", node.get("forceRotation"), target.isWindows());
    boolean cleanup = bool(where + ".cleanupLegacy", node.get("cleanupLegacy"), false);
    JsonNode mirrorNode = node.get("mirror");
    boolean mirrorMapping = mirrorNode != null && mirrorNode.isObject();
    boolean mirror = mirrorMapping || bool(where + ".mirror", mirrorNode, false);
    String decryptor = mirrorMapping ? mirrorDecryptor(where + ".mirror", mirrorNode) : null;
    if (decryptor != null && target == Target.LEGACY) {
      throw new MigrationInputException(where + ".mirror: an encrypted mirror copies into Windows"
          + " LAPS; target legacy never does");
    }
    if (cleanup && !target.isWindows()) {
      throw new MigrationInputException(where + ".cleanupLegacy: only a Windows LAPS target may"
          + " clean up legacy attributes, not " + target.key());
    }
    int grace = Rule.DEFAULT_GRACE_DAYS;
    JsonNode graceNode = node.get("graceDays");
    if (graceNode != null) {
      if (!graceNode.isIntegralNumber() || graceNode.asInt() < 0 || graceNode.asInt() > 365) {
        throw new MigrationInputException(where + ".graceDays: expected 0-365 days, found "
            + graceNode.asText());
      }
      grace = graceNode.asInt();
    }
    JsonNode accountNode = node.get("account");
    String account = accountNode == null ? Rule.DEFAULT_ACCOUNT : text(where + ".account", accountNode);
    boolean clearAfterEntra = false;
    JsonNode entraNode = node.get("afterEntraMove");
    if (entraNode != null) {
      String step = text(where + ".afterEntraMove", entraNode);
      switch (step) {
        case "clear" -> clearAfterEntra = true;
        case "keep" -> clearAfterEntra = false;
        default -> throw new MigrationInputException(where + ".afterEntraMove: '" + step
            + "' is not one of keep, clear");
      }
      if (mirror) {
        throw new MigrationInputException(where + ".afterEntraMove: clear and mirror contradict"
            + " each other: a mirror writes the AD copy this step removes");
      }
    }
    return new Rule(name, scope, target, force, cleanup, Duration.ofDays(grace), mirror, account,
        decryptor, clearAfterEntra);
  }

  /**
   * The mapping form of {@code mirror}: {@code {target: cleartext}} (the same as {@code true}), or
   * {@code {target: encrypted, decryptor: SID}}. Returns the decryptor SID, or null for cleartext.
   * Only a SID is accepted: a group name would need a directory lookup, which this pure engine
   * cannot do, and a name resolved at plan time could silently change meaning before apply.
   */
  private static String mirrorDecryptor(String where, JsonNode node) {
    unknownKeys(where, ".", node, MIRROR_KEYS);
    String target = text(where + ".target", node.get("target"));
    JsonNode decryptorNode = node.get("decryptor");
    switch (target) {
      case "cleartext" -> {
        if (decryptorNode != null) {
          throw new MigrationInputException(where + ".decryptor: only an encrypted mirror has a"
              + " decryptor");
        }
        return null;
      }
      case "encrypted" -> {
        String decryptor = text(where + ".decryptor", decryptorNode);
        // Parsed as a SID (the one strict parser) and kept in its canonical form, which is
        // what the key file and GetKey name: "s-1-5-21-...-0512" is S-1-5-21-...-512.
        Optional<Sid> sid = SID.matcher(decryptor.strip()).matches()
            ? Sid.parse(decryptor.strip()) : Optional.empty();
        if (sid.isEmpty()) {
          throw new MigrationInputException(where + ".decryptor: expected the decryptor group's"
              + " SID (S-1-5-21-...), found '" + decryptor + "'");
        }
        return sid.get().toString();
      }
      default -> throw new MigrationInputException(where + ".target: '" + target
          + "' is not one of cleartext, encrypted");
    }
  }

  private static Scope scope(String where, JsonNode node) {
    if (node == null || !node.isObject() || node.size() != 1) {
      throw new MigrationInputException(where
          + ": expected exactly one of subtree: DN, group: DN or name: PATTERN");
    }
    String kind = node.fieldNames().next();
    String value = text(where + "." + kind, node.get(kind));
    return switch (kind) {
      case "subtree" -> new Scope.Subtree(value);
      case "group" -> new Scope.Group(value);
      case "name" -> new Scope.NamePattern(value);
      default -> throw new MigrationInputException(where + ": unknown scope '" + kind
          + "'; use subtree, group or name");
    };
  }

  private static void unknownKeys(String where, String dot, JsonNode node, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new MigrationInputException(where + (dot.isEmpty() ? ": " : dot + key + ": ")
            + (dot.isEmpty() ? "unknown key '" + key + "'" : "unknown key"));
      }
    }
  }

  private static String text(String where, JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new MigrationInputException(where + ": expected a non-empty string");
    }
    return node.asText();
  }

  private static boolean bool(String where, JsonNode node, boolean fallback) {
    if (node == null) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw new MigrationInputException(where + ": expected true or false, found " + node.asText());
    }
    return node.asBoolean();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
