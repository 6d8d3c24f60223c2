package io.lapsbridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.directory.KdsRootKeyInfo;
import io.lapsbridge.model.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KdsRootKeyCheckTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final String CONTAINER = "CN=Master Root Keys,CN=Configuration,DC=corp";

  private static KdsRootKeyInfo key(String id, Instant useStart) {
    return new KdsRootKeyInfo(UUID.fromString(id), "CN=" + id + "," + CONTAINER, 1, "SP800_108",
        "SHA512", "DH", 512, 2048, FileTime.of(useStart.minus(Duration.ofHours(10))),
        FileTime.of(useStart), "CN=DC1", true);
  }

  @Test
  void noKeyIsAProblem() {
    Finding finding = KdsRootKeyCheck.evaluate(List.of(), CONTAINER, NOW).get(0);
    assertEquals(Status.PROBLEM, finding.status());
    assertEquals(true, finding.fix().startsWith("create one on a DC: Add-KdsRootKey"
        + " -EffectiveImmediately"), finding.fix());
  }

  @Test
  void aKeyNotYetUsableIsAProblemThatSaysWhen() {
    Finding finding = KdsRootKeyCheck.evaluate(List.of(key(
        "00000000-0000-0000-0000-000000000001", NOW.plus(Duration.ofMinutes(150)))), CONTAINER,
        NOW).get(0);
    assertEquals(Status.PROBLEM, finding.status());
    assertEquals("1 root key(s), none usable yet: the first becomes usable at"
        + " 2026-12-05T14:30:00Z (in 2 h 30 min)", finding.evidence());
  }

  @Test
  void theNewestUsableKeyIsNamed() {
    Finding finding = KdsRootKeyCheck.evaluate(List.of(
        key("00000000-0000-0000-0000-000000000001", NOW.minus(Duration.ofDays(30))),
        key("00000000-0000-0000-0000-000000000002", NOW.minus(Duration.ofDays(1))),
        key("00000000-0000-0000-0000-000000000003", NOW.plus(Duration.ofDays(1)))), CONTAINER,
        NOW).get(0);
    assertEquals(Status.OK, finding.status());
    assertEquals("3 root key(s); 00000000-0000-0000-0000-000000000002 is usable since"
        + " 2026-12-04T12:00:00Z", finding.evidence());
  }
}
