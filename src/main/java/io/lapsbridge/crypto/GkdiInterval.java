package io.lapsbridge.crypto;

import io.lapsbridge.model.FileTime;

/**
 * An MS-GKDI key interval (L0, L1, L2): time cut into 10-hour L2 periods, 32 per L1 and 32 L1
 * per L0.
 */
public record GkdiInterval(int l0, int l1, int l2) {
  /** Ten hours in FILETIME ticks. */
  public static final long L2_TICKS = 360_000_000_000L;

  public GkdiInterval {
    if (l0 < 0 || l1 < 0 || l1 > 31 || l2 < 0 || l2 > 31) {
      throw new IllegalArgumentException("interval indexes out of range");
    }
  }

  /** The interval containing {@code time}. */
  public static GkdiInterval of(FileTime time) {
    long n = time.ticks() / L2_TICKS;
    return new GkdiInterval(Math.toIntExact(n / 1024), (int) (n / 32 % 32), (int) (n % 32));
  }

  /** When this interval starts. */
  public FileTime start() {
    return new FileTime(((long) l0 * 1024 + l1 * 32L + l2) * L2_TICKS);
  }
}
