package io.lapsbridge.policy;

import java.util.Optional;

/** A value exactly as a policy root holds it: a registry DWORD/QWORD or a string. */
public sealed interface RawValue permits RawValue.Numeric, RawValue.Text {

  /** The value as an integer, if it is one. */
  Optional<Long> asNumber();

  /** The value as text, if it is a string. */
  Optional<String> asText();

  /** How the value is shown in explanations and warnings, e.g. {@code 30} or {@code "admin"}. */
  String display();

  /** A REG_DWORD or REG_QWORD value. */
  record Numeric(long value) implements RawValue {
    @Override
    public Optional<Long> asNumber() {
      return Optional.of(value);
    }

    @Override
    public Optional<String> asText() {
      return Optional.empty();
    }

    @Override
    public String display() {
      return Long.toString(value);
    }
  }

  /** A REG_SZ or REG_EXPAND_SZ value. */
  record Text(String value) implements RawValue {
    public Text {
      if (value == null) {
        throw new IllegalArgumentException("text value must not be null");
      }
    }

    @Override
    public Optional<Long> asNumber() {
      return Optional.empty();
    }

    @Override
    public Optional<String> asText() {
      return Optional.of(value);
    }

    @Override
    public String display() {
      return '"' + value + '"';
    }
  }

  static RawValue of(long value) {
    return new Numeric(value);
  }

  static RawValue of(String value) {
    return new Text(value);
  }
}
