package io.lapsbridge.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * #13 item 1: a computer whose expiry is readable but whose password is not (AD hides
 * confidential attributes from a bind without the right, silently) is "unreadable", not
 * "neither", and the inventory counts it as a problem.
 */
class UnreadableStateTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final Classifier CLASSIFIER = new Classifier(AS_OF, Thresholds.ofDays(30, 7, 30));
  private static final FileTime LATER = FileTime.of(AS_OF.plus(Duration.ofDays(10)));

  @Test
  void anExpiryWithoutItsPasswordIsUnreadableAndNamesWhatIsMissing() {
    ComputerSnapshot legacy = new ComputerSnapshot("cn=L,dc=x", "L", false, LATER, false, null,
        null, false, false, List.of());
    State state = CLASSIFIER.classify(legacy);
    assertEquals("unreadable", state.key());
    assertTrue(state.needsAttention());
    assertEquals("the bind cannot read ms-Mcs-AdmPwd (its expiry is readable, so a password is"
        + " stored): it needs the read and control-access rights that 'lapsbridge permissions"
        + " grant-read' gives", state.detail());

    ComputerSnapshot windows = new ComputerSnapshot("cn=W,dc=x", "W", false, null, false, null,
        LATER, false, false, List.of());
    assertEquals(List.of("msLAPS-Password or msLAPS-EncryptedPassword"),
        windows.hiddenPasswords());
    assertEquals("unreadable", CLASSIFIER.classify(windows).key());
  }

  @Test
  void aMalformedOrAbsentPasswordIsNotHidden() {
    ComputerSnapshot broken = new ComputerSnapshot("cn=M,dc=x", "M", false, null, false, null,
        LATER, false, false, List.of(new ComputerSnapshot.Problem("msLAPS-Password", "not JSON")));
    assertEquals("malformed", CLASSIFIER.classify(broken).key());
    ComputerSnapshot none = new ComputerSnapshot("cn=N,dc=x", "N", false, null, false, null,
        null, false, false, List.of());
    assertEquals("neither", CLASSIFIER.classify(none).key());
  }

  @Test
  void theInventoryCountsUnreadableComputers() {
    InventorySummary summary = new InventorySummary(CLASSIFIER);
    summary.add(new ComputerSnapshot("cn=L,dc=x", "L", false, LATER, false, null, null, false,
        false, List.of()));
    assertEquals(1, summary.unreadable());
    assertEquals(1, summary.attention().get("unreadable").size());
  }
}
