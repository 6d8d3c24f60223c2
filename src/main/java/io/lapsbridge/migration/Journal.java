package io.lapsbridge.migration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only apply journal: one JSON object per line. A {@code begin} line names the plan
 * and its SHA-256; each action gets a {@code start} line before its write and an {@code end} line
 * after its read-back. A process killed mid-line leaves a torn last line, which {@link #replay}
 * ignores; a torn line anywhere else is corruption.
 */
public final class Journal {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Journal() {}

  /** How an action ended. */
  public enum Outcome {
    /** Written and read back. */
    APPLIED("applied"),
    /** The entry already showed the result. */
    DONE("already-done"),
    /** The entry changed since the plan; skipped. */
    STALE("stale"),
    /** The write or the read-back failed; a resume retries it. */
    FAILED("failed");

    private final String key;

    Outcome(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    /** Whether a resume may skip the action. */
    public boolean settled() {
      return this != FAILED;
    }

    static Outcome of(String key) {
      for (Outcome o : values()) {
        if (o.key.equals(key)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown outcome '" + key + "'");
    }
  }

  public static String begin(String planPath, String planSha256, String at) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("event", "begin");
    node.put("plan", planPath);
    node.put("planSha256", planSha256);
    node.put("at", at);
    return node + "\n";
  }

  public static String start(int id) {
    return "{\"event\":\"start\",\"id\":" + id + "}\n";
  }

  /** Written once per action on apply's hot path, so built directly rather than as a tree. */
  public static String end(int id, Outcome outcome, String reason) {
    StringBuilder line = new StringBuilder(64 + reason.length());
    line.append("{\"event\":\"end\",\"id\":").append(id).append(",\"outcome\":\"")
        .append(outcome.key()).append("\",\"reason\":\"");
    JsonStringEncoder.getInstance().quoteAsString(reason, line);
    return line.append("\"}\n").toString();
  }

  /**
   * What a journal recorded.
   *
   * @param planPath the plan file it applied
   * @param planSha256 the plan's SHA-256 when apply began
   * @param ended the last outcome of each action that ended
   * @param started actions that started, ended or not
   * @param tornTail whether the last line was cut off by a crash
   * @param lines the first line (from 1) naming each action id, for a message about that id
   */
  public record State(
      String planPath, String planSha256, Map<Integer, Outcome> ended, java.util.Set<Integer> started,
      boolean tornTail, Map<Integer, Integer> lines) {
    public State {
      ended = Map.copyOf(ended);
      started = java.util.Set.copyOf(started);
      lines = Map.copyOf(lines);
    }

    /** A state whose ids' lines are not known. */
    public State(String planPath, String planSha256, Map<Integer, Outcome> ended,
        java.util.Set<Integer> started, boolean tornTail) {
      this(planPath, planSha256, ended, started, tornTail, Map.of());
    }

    public Optional<Outcome> outcome(int id) {
      return Optional.ofNullable(ended.get(id));
    }
  }

  /** Reads a journal's text. */
  public static State replay(String file, String text) {
    String[] lines = text.split("\n", -1);
    String planPath = null;
    String sha = null;
    Map<Integer, Outcome> ended = new HashMap<>();
    java.util.Set<Integer> started = new java.util.HashSet<>();
    Map<Integer, Integer> named = new HashMap<>();
    boolean torn = false;
    int last = lines.length - 1;
    while (last >= 0 && lines[last].isEmpty()) {
      last--;
    }
    for (int i = 0; i <= last; i++) {
      JsonNode node;
      try {
        node = MAPPER.readTree(lines[i]);
      } catch (JacksonException e) {
        node = null;
      }
      if (node == null || !node.isObject()) {
        if (i == last && !text.endsWith("\n")) {
          torn = true;
          break;
        }
        throw new MigrationInputException(file + ":" + (i + 1) + ": not a journal line");
      }
      String event = node.path("event").asText();
      try {
        switch (event) {
          case "begin" -> {
            if (planPath == null) {
              planPath = node.path("plan").asText();
              sha = node.path("planSha256").asText();
            } else if (!sha.equals(node.path("planSha256").asText())) {
              throw new MigrationInputException(file + ":" + (i + 1)
                  + ": the journal continues a different plan");
            }
          }
          case "start" -> {
            started.add(node.path("id").asInt());
            named.putIfAbsent(node.path("id").asInt(), i + 1);
          }
          case "end" -> {
            ended.put(node.path("id").asInt(), Outcome.of(node.path("outcome").asText()));
            named.putIfAbsent(node.path("id").asInt(), i + 1);
          }
          default -> throw new MigrationInputException(file + ":" + (i + 1) + ": unknown event '"
              + event + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new MigrationInputException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    if (planPath == null) {
      throw new MigrationInputException(file + ": not a journal: no begin line");
    }
    return new State(planPath, sha, ended, started, torn, named);
  }
}
