package io.lapsbridge.cli;

import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An ISO-8601 UTC time typed as an option. The directory stores times as FILETIMEs, so a time
 * that parses but lies outside their range (1601 to 30828) is a usage error here rather than an
 * arithmetic failure deep in a command.
 */
final class TimeOption {
  static final String EXAMPLE = "2026-12-01T08:00:00Z";

  private TimeOption() {}

  static Instant parse(String option, String text) {
    Instant time;
    try {
      time = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          option + " '" + text + "' is not an ISO-8601 UTC time like " + EXAMPLE);
    }
    try {
      FileTime.of(time);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new UsageException(option + " '" + text + "' is outside the range a FILETIME can"
          + " hold (1601-01-01 to 30828-09-14)");
    }
    return time;
  }
}
