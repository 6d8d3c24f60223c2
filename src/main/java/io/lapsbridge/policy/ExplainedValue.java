package io.lapsbridge.policy;

import java.util.Optional;

/**
 * One setting's effective value with its explanation.
 *
 * @param spec the setting
 * @param effective the value in force (the default when unset or rejected)
 * @param provenance where it came from
 * @param ignoredBecause why the setting has no effect in this policy, if it has none
 */
public record ExplainedValue(
    SettingSpec spec, RawValue effective, Provenance provenance, Optional<String> ignoredBecause) {

  public String name() {
    return spec.name();
  }

  /** The value as a number; only call on numeric settings. */
  public long number() {
    return effective.asNumber().orElseThrow(
        () -> new IllegalStateException(spec.name() + " is not numeric"));
  }

  /** The value as text; only call on string settings. */
  public String text() {
    return effective.asText().orElseThrow(
        () -> new IllegalStateException(spec.name() + " is not a string"));
  }

  /** One line: {@code Name = value  [source]}, plus {@code (ignored: why)} when inert. */
  public String describe() {
    String line = spec.name() + " = " + effective.display() + "  [" + provenance.describe() + "]";
    return ignoredBecause.map(why -> line + "  (ignored: " + why + ")").orElse(line);
  }

  ExplainedValue ignored(String why) {
    return ignoredBecause.isPresent()
        ? this
        : new ExplainedValue(spec, effective, provenance, Optional.of(why));
  }
}
