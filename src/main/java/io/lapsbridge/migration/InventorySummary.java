package io.lapsbridge.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals of an inventory, fed one computer at a time: counts per state and per OU, the oldest
 * password, and the computers that need a person (kept up to a cap, so memory stays bounded).
 */
public final class InventorySummary {
  /** How many attention items are kept per state; the rest are only counted. */
  public static final int ATTENTION_CAP = 1000;

  private final Classifier classifier;
  private final Map<String, Long> byState = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> byOu = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Map<String, List<Item>> attention = new LinkedHashMap<>();
  private long total;
  private Instant oldest;
  private String oldestDn;

  /** One computer as a report lists it. */
  public record Item(String dn, String name, String state, String detail) {}

  public InventorySummary(Classifier classifier) {
    this.classifier = classifier;
    for (String key : State.KEYS) {
      byState.put(key, 0L);
    }
  }

  /** Classifies and counts one computer, returning its state. */
  public State add(ComputerSnapshot c) {
    State state = classifier.classify(c);
    total++;
    byState.merge(state.key(), 1L, Long::sum);
    byOu.computeIfAbsent(c.parent(), k -> new TreeMap<>()).merge(state.key(), 1L, Long::sum);
    classifier.oldestPassword(c).ifPresent(when -> {
      if (oldest == null || when.isBefore(oldest)) {
        oldest = when;
        oldestDn = c.dn();
      }
    });
    if (state.needsAttention()) {
      List<Item> items = attention.computeIfAbsent(state.key(), k -> new ArrayList<>());
      if (items.size() < ATTENTION_CAP) {
        items.add(new Item(c.dn(), c.name(), state.key(), state.detail()));
      }
    }
    return state;
  }

  public long total() {
    return total;
  }

  /** Computers holding a password the bind could not read. */
  public long unreadable() {
    return byState.get(new State.Unreadable(List.of()).key());
  }

  /** Computers with a stored value that does not follow its format. */
  public long malformed() {
    return byState.get(new State.Malformed(List.of()).key());
  }

  /** Counts for every state key, in report order, zeros included. */
  public Map<String, Long> byState() {
    return Collections.unmodifiableMap(byState);
  }

  /** OU DN to state counts, OUs sorted. */
  public Map<String, Map<String, Long>> byOu() {
    return Collections.unmodifiableMap(byOu);
  }

  /** Items kept for stale, conflict and malformed computers, by state. */
  public Map<String, List<Item>> attention() {
    return Collections.unmodifiableMap(attention);
  }

  public java.util.Optional<Instant> oldestPassword() {
    return java.util.Optional.ofNullable(oldest);
  }

  public java.util.Optional<String> oldestPasswordDn() {
    return java.util.Optional.ofNullable(oldestDn);
  }

  /** Whole days between the oldest password and the inventory time. */
  public java.util.Optional<Long> oldestAgeDays() {
    return oldestPassword().map(o -> Duration.between(o, classifier.asOf()).toDays());
  }

  public Instant asOf() {
    return classifier.asOf();
  }
}
