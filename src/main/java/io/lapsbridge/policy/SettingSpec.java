package io.lapsbridge.policy;

/**
 * One documented setting: its registry value name, accepted values and default.
 *
 * @param name the registry value name, identical under every root of its family
 * @param domain the values it accepts
 * @param defaultValue the value used when it is unset or unsupported
 */
public record SettingSpec(String name, ValueDomain domain, RawValue defaultValue) {
  public SettingSpec {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("setting name must not be empty");
    }
    if (domain.rejection(defaultValue).isPresent()) {
      throw new IllegalArgumentException(name + ": default " + defaultValue.display()
          + " is outside " + domain.describe());
    }
  }

  static SettingSpec number(String name, ValueDomain domain, long defaultValue) {
    return new SettingSpec(name, domain, RawValue.of(defaultValue));
  }

  static SettingSpec text(String name, String defaultValue) {
    return new SettingSpec(name, ValueDomain.text(), RawValue.of(defaultValue));
  }
}
