package io.lapsbridge.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What every policy root holds at one moment, the input to {@link PolicyEngine}. */
public record PolicySnapshot(Map<PolicyRoot, RootSettings> roots) {
  public PolicySnapshot {
    EnumMap<PolicyRoot, RootSettings> copy = new EnumMap<>(PolicyRoot.class);
    for (PolicyRoot root : PolicyRoot.values()) {
      RootSettings settings = roots.get(root);
      copy.put(root, settings == null ? RootSettings.empty(root) : settings);
    }
    roots = Collections.unmodifiableMap(copy);
  }

  public static PolicySnapshot empty() {
    return new PolicySnapshot(Map.of());
  }

  /**
   * Reads every root from each source in turn. A later source overrides an earlier one value by
   * value inside the same root, as a later-applied GPO overrides an earlier one.
   */
  public static PolicySnapshot read(List<? extends PolicySource> sources) {
    EnumMap<PolicyRoot, RootSettings> roots = new EnumMap<>(PolicyRoot.class);
    for (PolicyRoot root : PolicyRoot.values()) {
      RootSettings settings = RootSettings.empty(root);
      for (PolicySource source : sources) {
        settings = settings.overlay(source.read(root));
      }
      roots.put(root, settings);
    }
    return new PolicySnapshot(roots);
  }

  public RootSettings root(PolicyRoot root) {
    return roots.get(root);
  }
}
