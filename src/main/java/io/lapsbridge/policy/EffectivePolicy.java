package io.lapsbridge.policy;

import java.util.List;
import java.util.Optional;

/**
 * The policy in force: the winning root and every setting of its family, explained.
 *
 * @param kind which family of settings won
 * @param winningRoot the first root that holds any setting, if one does
 * @param settings every setting of the winning family, in documentation order
 * @param warnings unsupported and unknown values found in the winning root
 * @param snapshot what every root held, for the emulation decision
 */
public record EffectivePolicy(
    PolicyKind kind,
    Optional<PolicyRoot> winningRoot,
    List<ExplainedValue> settings,
    List<PolicyWarning> warnings,
    PolicySnapshot snapshot) {

  public EffectivePolicy {
    settings = List.copyOf(settings);
    warnings = List.copyOf(warnings);
  }

  /** The explained value of {@code spec}. */
  public ExplainedValue get(SettingSpec spec) {
    return settings.stream()
        .filter(v -> v.spec().equals(spec))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            spec.name() + " is not part of a " + kind + " policy"));
  }

  public long number(SettingSpec spec) {
    return get(spec).number();
  }

  public String text(SettingSpec spec) {
    return get(spec).text();
  }
}
