package io.lapsbridge.cli;

import io.lapsbridge.migration.Classifier;
import io.lapsbridge.migration.Thresholds;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/** The classification options shared by {@code inventory} and {@code migrate}. */
final class MigrationOptions {
  @Option(names = "--as-of", description = "Judge ages against this ISO-8601 UTC time instead of now; a plan made with the same inputs and --as-of is byte-identical.")
  String asOf;

  @Option(names = "--stale-days", defaultValue = "" + Thresholds.DEFAULT_STALE_DAYS, description = "A password expired more than this many days ago is stale: no client rotates it (default: ${DEFAULT-VALUE}).")
  int staleDays;

  @Option(names = "--conflict-days", defaultValue = "" + Thresholds.DEFAULT_CONFLICT_DAYS, description = "Both families written within this many days, legacy last, is a conflict (default: ${DEFAULT-VALUE}).")
  int conflictDays;

  @Option(names = "--legacy-age-days", defaultValue = "" + Thresholds.DEFAULT_LEGACY_AGE_DAYS, description = "The legacy PasswordAgeDays, used to estimate when a legacy password was written (default: ${DEFAULT-VALUE}).")
  int legacyAgeDays;

  Clock clock = Clock.systemUTC();

  Classifier classifier() {
    Instant time;
    if (asOf == null) {
      // Whole seconds: the plan shows the time, and sub-second noise helps nobody.
      time = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    } else {
      time = TimeOption.parse("--as-of", asOf);
    }
    try {
      return new Classifier(time, Thresholds.ofDays(staleDays, conflictDays, legacyAgeDays));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
