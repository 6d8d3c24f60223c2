package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The root key Windows chooses when none is named: the newest already in use. */
class RootKeyChoiceTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static KdsRootKey key(int id, String created, String useStart) throws Exception {
    KdsRootKey base = Fixtures.dsinternalsRootKey();
    return new KdsRootKey(new UUID(0, id), base.version(), base.keyData(), base.kdfHash(),
        base.agreement(), base.dhParameters(), base.privateKeyLength(), base.publicKeyLength(),
        created == null ? null : FileTime.of(Instant.parse(created)),
        useStart == null ? null : FileTime.of(Instant.parse(useStart)));
  }

  @Test
  void theNewestKeyInUseWinsAndAFutureKeyIsSkipped() throws Exception {
    KdsRootKey old = key(1, "2025-01-01T00:00:00Z", "2025-01-01T10:00:00Z");
    KdsRootKey newest = key(2, "2026-01-01T00:00:00Z", "2026-01-01T10:00:00Z");
    KdsRootKey future = key(3, "2026-05-31T00:00:00Z", "2026-06-01T00:00:01Z");
    assertEquals(newest, RootKeyChoice.newestUsableAt(List.of(old, future, newest), NOW).get());
    assertEquals(future, RootKeyChoice.newestUsableAt(
        List.of(old, future, newest), Instant.parse("2026-06-01T00:00:01Z")).get());
  }

  @Test
  void withoutUseStartTimeAKeyIsUsableAndRankedByCreateTime() throws Exception {
    KdsRootKey created = key(1, "2026-02-01T00:00:00Z", null);
    KdsRootKey started = key(2, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
    assertEquals(created, RootKeyChoice.newestUsableAt(List.of(started, created), NOW).get());
    KdsRootKey undated = key(3, null, null);
    assertEquals(undated, RootKeyChoice.newestUsableAt(List.of(undated), NOW).get());
  }

  @Test
  void noKeyIsChosenWhenEveryKeyStartsLater() throws Exception {
    KdsRootKey future = key(1, "2026-05-01T00:00:00Z", "2026-07-01T00:00:00Z");
    assertTrue(RootKeyChoice.newestUsableAt(List.of(future), NOW).isEmpty());
    assertTrue(RootKeyChoice.newestUsableAt(List.of(), NOW).isEmpty());
  }
}
