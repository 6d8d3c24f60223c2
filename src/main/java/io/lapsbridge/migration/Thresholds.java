package io.lapsbridge.migration;

import java.time.Duration;

/**
 * The time thresholds of classification.
 *
 * @param staleAfter how long past its expiry a password must be before no client is assumed to
 *     be rotating it
 * @param conflictWindow how recent both families' writes must be to count as a conflict
 * @param legacyAge the legacy PasswordAgeDays in force: legacy LAPS stores no update time, so
 *     its write time is estimated as expiry minus this age
 */
public record Thresholds(Duration staleAfter, Duration conflictWindow, Duration legacyAge) {
  public static final int DEFAULT_STALE_DAYS = 30;
  public static final int DEFAULT_CONFLICT_DAYS = 7;
  public static final int DEFAULT_LEGACY_AGE_DAYS = 30;

  public static final Thresholds DEFAULTS =
      ofDays(DEFAULT_STALE_DAYS, DEFAULT_CONFLICT_DAYS, DEFAULT_LEGACY_AGE_DAYS);

  public Thresholds {
    for (Duration d : new Duration[] {staleAfter, conflictWindow, legacyAge}) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("thresholds must be zero or more days");
      }
    }
  }

  public static Thresholds ofDays(int stale, int conflict, int legacyAgeDays) {
    if (stale < 0 || conflict < 0 || legacyAgeDays < 1 || legacyAgeDays > 365) {
      throw new IllegalArgumentException(
          "thresholds: stale and conflict days must be 0 or more, legacy age 1-365 days");
    }
    return new Thresholds(
        Duration.ofDays(stale), Duration.ofDays(conflict), Duration.ofDays(legacyAgeDays));
  }
}
