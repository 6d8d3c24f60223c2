package io.lapsbridge.report;

import io.lapsbridge.model.FileTime;
import java.time.Instant;

/** How reports print times: ISO-8601 UTC, null stays null (an empty field). */
final class Times {
  private Times() {}

  static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static String iso(FileTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  /** A FILETIME that may be the "never" sentinel. */
  static String isoOrNever(FileTime time) {
    return time == null ? null : time.isNever() ? "never" : time.toInstant().toString();
  }
}
