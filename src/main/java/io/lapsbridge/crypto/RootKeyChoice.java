package io.lapsbridge.crypto;

import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which KDS root key a new protection uses when none is named, as Windows chooses it. */
public final class RootKeyChoice {
  private RootKeyChoice() {}

  /**
   * The newest key whose UseStartTime has passed at {@code when}; a key without one is usable.
   * Newest is by UseStartTime, else CreateTime; of equal keys the first wins.
   */
  public static Optional<KdsRootKey> newestUsableAt(List<KdsRootKey> keys, Instant when) {
    KdsRootKey best = null;
    for (KdsRootKey key : keys) {
      boolean usable = key.useStartTime() == null || !key.useStartTime().toInstant().isAfter(when);
      if (usable && (best == null || ticks(key) > ticks(best))) {
        best = key;
      }
    }
    return Optional.ofNullable(best);
  }

  private static long ticks(KdsRootKey key) {
    FileTime time = key.useStartTime() != null ? key.useStartTime() : key.createTime();
    return time == null ? 0 : time.ticks();
  }
}
