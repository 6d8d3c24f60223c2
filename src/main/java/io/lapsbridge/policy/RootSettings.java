package io.lapsbridge.policy;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values one policy root holds, by value name. Names compare case-insensitively, as registry
 * value names do.
 */
public record RootSettings(PolicyRoot root, Map<String, RawValue> values) {
  public RootSettings {
    if (root == null) {
      throw new IllegalArgumentException("root must not be null");
    }
    TreeMap<String, RawValue> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(values);
    values = Collections.unmodifiableMap(copy);
  }

  public static RootSettings empty(PolicyRoot root) {
    return new RootSettings(root, Map.of());
  }

  public Optional<RawValue> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** This root with {@code other}'s values laid over it (later sources override earlier ones). */
  public RootSettings overlay(RootSettings other) {
    TreeMap<String, RawValue> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    merged.putAll(values);
    merged.putAll(other.values);
    return new RootSettings(root, merged);
  }
}
