package io.lapsbridge.policy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test builder for policy snapshots: {@code snapshot().set(GPO, "BackupDirectory", 2).build()}. */
final class Snapshots {
  private final Map<PolicyRoot, Map<String, RawValue>> roots = new EnumMap<>(PolicyRoot.class);

  static Snapshots snapshot() {
    return new Snapshots();
  }

  Snapshots set(PolicyRoot root, String name, long value) {
    roots.computeIfAbsent(root, r -> new LinkedHashMap<>()).put(name, RawValue.of(value));
    return this;
  }

  Snapshots set(PolicyRoot root, String name, String value) {
    roots.computeIfAbsent(root, r -> new LinkedHashMap<>()).put(name, RawValue.of(value));
    return this;
  }

  PolicySnapshot build() {
    Map<PolicyRoot, RootSettings> settings = new EnumMap<>(PolicyRoot.class);
    roots.forEach((root, values) -> settings.put(root, new RootSettings(root, values)));
    return new PolicySnapshot(settings);
  }
}
