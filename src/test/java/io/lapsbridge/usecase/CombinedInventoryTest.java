package io.lapsbridge.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.report.CombinedInventoryOutput.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where a device's password is kept, and the two states the combined inventory flags. */
class CombinedInventoryTest {
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  @Test
  void aCurrentPasswordInBothIsFlagged() {
    assertEquals(State.BOTH_CURRENT, CombinedInventory.state(true, NOW.minus(DAY),
        NOW.plus(DAY.multipliedBy(20)), NOW.minus(DAY.multipliedBy(2)), NOW));
    // The legacy family records no update time: an unexpired copy counts as current.
    assertEquals(State.BOTH_CURRENT, CombinedInventory.state(true, null,
        NOW.plus(DAY), NOW.minus(DAY), NOW));
  }

  @Test
  void anAdCopyOlderThanTheEntraBackupOrExpiredIsLeftBehind() {
    assertEquals(State.AD_COPY_LEFT, CombinedInventory.state(true, NOW.minus(DAY.multipliedBy(40)),
        NOW.plus(DAY), NOW.minus(DAY), NOW));
    assertEquals(State.AD_COPY_LEFT, CombinedInventory.state(true, null,
        NOW.minus(DAY), NOW.minus(DAY.multipliedBy(5)), NOW));
  }

  @Test
  void oneDirectoryOrNone() {
    assertEquals(State.ENTRA, CombinedInventory.state(false, null, null, NOW, NOW));
    assertEquals(State.AD, CombinedInventory.state(true, NOW, NOW.plus(DAY), null, NOW));
    assertEquals(State.NONE, CombinedInventory.state(false, null, null, null, NOW));
  }
}
