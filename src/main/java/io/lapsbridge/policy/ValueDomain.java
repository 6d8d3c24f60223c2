package io.lapsbridge.policy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The values a setting accepts. Anything else takes the setting's default, with a warning. */
public sealed interface ValueDomain
    permits ValueDomain.IntRange, ValueDomain.IntChoices, ValueDomain.AnyText {

  /** Why {@code value} is not acceptable, or empty when it is. */
  Optional<String> rejection(RawValue value);

  /** The accepted values in words, e.g. {@code 1-365}. */
  String describe();

  /** An inclusive integer range. */
  record IntRange(long min, long max) implements ValueDomain {
    public IntRange {
      if (min > max) {
        throw new IllegalArgumentException("empty range " + min + "-" + max);
      }
    }

    @Override
    public Optional<String> rejection(RawValue value) {
      Optional<Long> number = value.asNumber();
      if (number.isEmpty()) {
        return Optional.of("not a number (expected " + describe() + ")");
      }
      long n = number.get();
      return n < min || n > max
          ? Optional.of("out of range " + describe())
          : Optional.empty();
    }

    @Override
    public String describe() {
      return min + "-" + max;
    }
  }

  /** One of a fixed set of integers. */
  record IntChoices(List<Long> choices) implements ValueDomain {
    public IntChoices {
      choices = List.copyOf(choices);
    }

    @Override
    public Optional<String> rejection(RawValue value) {
      Optional<Long> number = value.asNumber();
      if (number.isEmpty()) {
        return Optional.of("not a number (expected one of " + describe() + ")");
      }
      return choices.contains(number.get())
          ? Optional.empty()
          : Optional.of("not one of " + describe());
    }

    @Override
    public String describe() {
      return choices.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
  }

  /** Any string, including an empty one. */
  record AnyText() implements ValueDomain {
    @Override
    public Optional<String> rejection(RawValue value) {
      return value.asText().isPresent()
          ? Optional.empty()
          : Optional.of("not a string");
    }

    @Override
    public String describe() {
      return "a string";
    }
  }

  static ValueDomain range(long min, long max) {
    return new IntRange(min, max);
  }

  static ValueDomain choices(long... values) {
    return new IntChoices(java.util.Arrays.stream(values).boxed().collect(Collectors.toList()));
  }

  static ValueDomain text() {
    return new AnyText();
  }
}
