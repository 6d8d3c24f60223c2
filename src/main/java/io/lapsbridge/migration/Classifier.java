package io.lapsbridge.migration;

import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.util.Optional;

/**
 * Gives each computer its {@link State}. Precedence: malformed, unreadable, conflict, stale, expired, then
 * the families present. Expiry is judged on the family in charge: Windows LAPS when it holds a
 * password, else legacy.
 */
public final class Classifier {
  private final Instant asOf;
  private final Thresholds thresholds;

  public Classifier(Instant asOf, Thresholds thresholds) {
    if (asOf == null || thresholds == null) {
      throw new IllegalArgumentException("a classifier needs a time and thresholds");
    }
    this.asOf = asOf;
    this.thresholds = thresholds;
  }

  public Instant asOf() {
    return asOf;
  }

  public Thresholds thresholds() {
    return thresholds;
  }

  public State classify(ComputerSnapshot c) {
    if (!c.problems().isEmpty()) {
      return new State.Malformed(c.problems());
    }
    if (!c.hiddenPasswords().isEmpty()) {
      return new State.Unreadable(c.hiddenPasswords());
    }
    Optional<Instant> legacyWritten = legacyWritten(c);
    // A mirror (current or out of date) is lapsbridge's copy, not a second client.
    boolean mirror = Mirrors.isMirror(c);
    if (c.legacyPassword() && c.windowsPassword() && !mirror
        && c.windowsUpdated() != null && legacyWritten.isPresent()) {
      Instant windowsWritten = c.windowsUpdated().toInstant();
      Instant recent = asOf.minus(thresholds.conflictWindow());
      // A migrated machine's legacy client stops when Windows LAPS takes over, so a legacy
      // write at or after a recent Windows LAPS write means both clients are still active.
      if (!windowsWritten.isBefore(recent)
          && !legacyWritten.get().isBefore(recent)
          && !legacyWritten.get().isBefore(windowsWritten)) {
        return new State.Conflict(legacyWritten.get(), windowsWritten);
      }
    }
    // A mirror's expiry is its copy time (the mark); the legacy client is in charge.
    boolean windowsInCharge = c.windowsPassword() && !mirror;
    FileTime expiry = windowsInCharge ? c.windowsExpiry() : c.legacyPassword() ? c.legacyExpiry() : null;
    if (expiry != null && expiry.isBefore(asOf)) {
      Instant expiredAt = expiry.toInstant();
      if (expiredAt.isBefore(asOf.minus(thresholds.staleAfter()))) {
        return new State.Stale(windowsInCharge ? "Windows LAPS" : "legacy", expiredAt);
      }
      return windowsInCharge
          ? new State.WindowsExpired(expiredAt)
          : new State.LegacyExpired(expiredAt);
    }
    if (c.legacyPassword() && c.windowsPassword()) {
      return new State.SideBySide(mirror, Mirrors.outOfDate(c));
    }
    if (c.windowsEncrypted()) {
      return new State.WindowsEncrypted();
    }
    if (c.windowsCleartext()) {
      return new State.WindowsCleartext();
    }
    if (c.legacyPassword()) {
      return new State.LegacyOnly();
    }
    return new State.Neither();
  }

  /**
   * When the legacy password was probably written: its expiry minus the legacy age. Legacy LAPS
   * records no write time; an expiry of zero (forced rotation) tells nothing.
   */
  public Optional<Instant> legacyWritten(ComputerSnapshot c) {
    if (!c.legacyPassword() || c.legacyExpiry() == null || c.legacyExpiry().ticks() == 0
        || c.legacyExpiry().isNever()) {
      return Optional.empty();
    }
    return Optional.of(c.legacyExpiry().toInstant().minus(thresholds.legacyAge()));
  }

  /** The oldest write time of any password the computer holds, if one is known. */
  public Optional<Instant> oldestPassword(ComputerSnapshot c) {
    Optional<Instant> legacy = legacyWritten(c);
    Optional<Instant> windows =
        c.windowsPassword() && c.windowsUpdated() != null
            ? Optional.of(c.windowsUpdated().toInstant())
            : Optional.empty();
    if (legacy.isPresent() && windows.isPresent()) {
      return Optional.of(legacy.get().isBefore(windows.get()) ? legacy.get() : windows.get());
    }
    return legacy.isPresent() ? legacy : windows;
  }
}
