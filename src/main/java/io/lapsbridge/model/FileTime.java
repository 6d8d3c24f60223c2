package io.lapsbridge.model;

import java.time.Instant;

/**
 * A Windows FILETIME: 100-nanosecond ticks since 1601-01-01T00:00:00Z.
 *
 * <p>Active Directory stores these as a signed 64-bit Large Integer, so the valid range is 0 to
 * {@link Long#MAX_VALUE}. Zero is a real value ("expired long ago") and forces a rotation; the
 * maximum is AD's conventional "never".
 */
public record FileTime(long ticks) implements Comparable<FileTime> {
  /** Seconds between 1601-01-01 and 1970-01-01. */
  private static final long EPOCH_OFFSET_SECONDS = 11_644_473_600L;

  private static final long TICKS_PER_SECOND = 10_000_000L;

  public static final FileTime ZERO = new FileTime(0);
  public static final FileTime NEVER = new FileTime(Long.MAX_VALUE);

  public FileTime {
    if (ticks < 0) {
      throw new IllegalArgumentException("FILETIME must not be negative: " + ticks);
    }
  }

  /** Converts an instant; sub-tick precision is truncated. */
  public static FileTime of(Instant instant) {
    long seconds = Math.addExact(instant.getEpochSecond(), EPOCH_OFFSET_SECONDS);
    if (seconds < 0) {
      throw new IllegalArgumentException("instant is before 1601-01-01: " + instant);
    }
    long ticks =
        Math.addExact(Math.multiplyExact(seconds, TICKS_PER_SECOND), instant.getNano() / 100L);
    return new FileTime(ticks);
  }

  public Instant toInstant() {
    long seconds = Math.floorDiv(ticks, TICKS_PER_SECOND) - EPOCH_OFFSET_SECONDS;
    long nanos = Math.floorMod(ticks, TICKS_PER_SECOND) * 100L;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  public boolean isNever() {
    return ticks == Long.MAX_VALUE;
  }

  public boolean isBefore(Instant instant) {
    return toInstant().isBefore(instant);
  }

  @Override
  public int compareTo(FileTime other) {
    return Long.compare(ticks, other.ticks);
  }
}
