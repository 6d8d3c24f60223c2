package io.lapsbridge.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.policy.ManagedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationDeciderTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  static AgentTarget target(AttributeFamily family, boolean protection, int delayHours) {
    return new AgentTarget(family, new ManagedAccount.Named("lapsadmin"), 30, 4, 14, protection,
        delayHours, 3);
  }

  static Optional<FileTime> in(Duration d) {
    return Optional.of(FileTime.of(NOW.plus(d)));
  }

  static Optional<LastRotation> last(Optional<FileTime> written, Instant at) {
    return Optional.of(new LastRotation(AttributeFamily.LEGACY, "lapsadmin", written.orElseThrow(),
        at));
  }

  static Set<RotationReason> reasons(RotationDecision d) {
    return ((RotationDecision.Rotate) d).reasons();
  }

  @Test
  void aDifferentStoredVersionIsAnImageRollback() {
    java.util.UUID mine = java.util.UUID.fromString("00000000-0000-4000-8000-000000000001");
    java.util.UUID theirs = java.util.UUID.fromString("00000000-0000-4000-8000-000000000002");
    Optional<FileTime> expiry = in(Duration.ofDays(10));
    Optional<LastRotation> last = Optional.of(new LastRotation(AttributeFamily.WINDOWS,
        "lapsadmin", expiry.orElseThrow(), NOW.minus(Duration.ofDays(20)), Optional.of(mine)));
    AgentTarget windows = target(AttributeFamily.WINDOWS, false, 0);
    assertEquals(Set.of(RotationReason.IMAGE_ROLLBACK), reasons(RotationDecider.decide(NOW,
        windows, expiry, Optional.of(theirs), last, Optional.empty(), false)));
    assertFalse(RotationDecider.decide(NOW, windows, expiry, Optional.of(mine), last,
        Optional.empty(), false).rotate(), "same version");
    assertFalse(RotationDecider.decide(NOW, windows, expiry, Optional.empty(), last,
        Optional.empty(), false).rotate(), "unreadable or absent: nothing to compare");
    Optional<LastRotation> unversioned = Optional.of(new LastRotation(AttributeFamily.WINDOWS,
        "lapsadmin", expiry.orElseThrow(), NOW.minus(Duration.ofDays(20))));
    assertFalse(RotationDecider.decide(NOW, windows, expiry, Optional.of(theirs), unversioned,
        Optional.empty(), false).rotate(), "no local record (older agent, older schema)");
    assertFalse(RotationDecider.decide(NOW, target(AttributeFamily.LEGACY, false, 0), expiry,
        Optional.of(theirs), last, Optional.empty(), false).rotate(), "legacy has no version");
  }

  @Test
  void missingExpiryRotates() {
    RotationDecision d = RotationDecider.decide(NOW, target(AttributeFamily.LEGACY, false, 0),
        Optional.empty(), Optional.empty(), Optional.empty(), false);
    assertEquals(Set.of(RotationReason.NO_EXPIRY), reasons(d));
  }

  @Test
  void expiryAtNowIsExpiredAndOneTickLaterIsOneDayLeft() {
    AgentTarget t = target(AttributeFamily.LEGACY, false, 0);
    Optional<FileTime> exact = Optional.of(FileTime.of(NOW));
    assertEquals(Set.of(RotationReason.EXPIRED), reasons(RotationDecider.decide(NOW, t, exact,
        last(exact, NOW.minus(Duration.ofDays(30))), Optional.empty(), false)));
    Optional<FileTime> oneTick = Optional.of(new FileTime(FileTime.of(NOW).ticks() + 1));
    RotationDecision d = RotationDecider.decide(NOW, t, oneTick, Optional.empty(),
        Optional.empty(), false);
    assertFalse(d.rotate());
    assertEquals(1, ((RotationDecision.NotDue) d).daysLeft());
  }

  @Test
  void daysLeftFollowsTheAdmPwdFormula() {
    AgentTarget t = target(AttributeFamily.LEGACY, true, 0);
    RotationDecision d = RotationDecider.decide(NOW, t, in(Duration.ofDays(10).plusHours(1)),
        Optional.empty(), Optional.empty(), false);
    assertEquals(11, ((RotationDecision.NotDue) d).daysLeft());
    assertTrue(d.describe().startsWith("the password does not need to be updated: days to"
        + " change: 11 (expires 2026-12-05T11:00:00Z)"), d.describe());
  }

  @Test
  void beyondPolicyRotatesOnlyWithProtection() {
    Optional<FileTime> far = in(Duration.ofDays(31));
    assertEquals(Set.of(RotationReason.BEYOND_POLICY), reasons(RotationDecider.decide(NOW,
        target(AttributeFamily.LEGACY, true, 0), far, Optional.empty(), Optional.empty(), false)));
    assertFalse(RotationDecider.decide(NOW, target(AttributeFamily.LEGACY, false, 0), far,
        Optional.empty(), Optional.empty(), false).rotate());
    // 30 days minus one tick counts as 30 days: not beyond an age of 30.
    assertFalse(RotationDecider.decide(NOW, target(AttributeFamily.LEGACY, true, 0),
        in(Duration.ofDays(29).plusHours(23)), Optional.empty(), Optional.empty(), false)
        .rotate());
  }

  @Test
  void anExpiryOtherThanTheOneWeWroteIsAnAdminReset() {
    Optional<FileTime> written = in(Duration.ofDays(20));
    Optional<FileTime> moved = in(Duration.ofMinutes(-1));
    assertEquals(Set.of(RotationReason.ADMIN_RESET), reasons(RotationDecider.decide(NOW,
        target(AttributeFamily.LEGACY, false, 0), moved, last(written, NOW.minus(Duration.ofDays(10))),
        Optional.empty(), false)));
  }

  @Test
  void windowsFamilyRotatesOnFirstPolicyApplication() {
    assertEquals(Set.of(RotationReason.FIRST_POLICY), reasons(RotationDecider.decide(NOW,
        target(AttributeFamily.WINDOWS, false, 0), in(Duration.ofDays(5)), Optional.empty(),
        Optional.empty(), false)));
  }

  @Test
  void postAuthenticationWaitsForTheDelayAfterALoginSinceTheLastRotation() {
    AgentTarget t = target(AttributeFamily.WINDOWS, false, 2);
    Optional<FileTime> expiry = in(Duration.ofDays(5));
    Optional<LastRotation> last = Optional.of(new LastRotation(AttributeFamily.WINDOWS,
        "lapsadmin", expiry.orElseThrow(), NOW.minus(Duration.ofDays(25))));
    RotationDecision early = RotationDecider.decide(NOW, t, expiry, last,
        Optional.of(NOW.minus(Duration.ofMinutes(90))), false);
    assertFalse(early.rotate());
    assertEquals(Optional.of(NOW.plus(Duration.ofMinutes(30))),
        ((RotationDecision.NotDue) early).postAuthAt());
    assertEquals(Set.of(RotationReason.POST_AUTHENTICATION), reasons(RotationDecider.decide(NOW,
        t, expiry, last, Optional.of(NOW.minus(Duration.ofHours(2))), false)));
    // A login before the last rotation is already dealt with.
    assertFalse(RotationDecider.decide(NOW, t, expiry, last,
        Optional.of(NOW.minus(Duration.ofDays(26))), false).rotate());
    // Delay 0 disables post-authentication resets.
    assertFalse(RotationDecider.decide(NOW, target(AttributeFamily.WINDOWS, false, 0), expiry,
        last, Optional.of(NOW.minus(Duration.ofDays(1))), false).rotate());
  }

  @Test
  void forcedRotatesEvenWhenNotDue() {
    assertEquals(Set.of(RotationReason.FORCED), reasons(RotationDecider.decide(NOW,
        target(AttributeFamily.LEGACY, false, 0), in(Duration.ofDays(5)), Optional.empty(),
        Optional.empty(), true)));
  }

  @Test
  void newExpiryIsNowPlusAgeInTicks() {
    FileTime expiry = RotationDecider.expiryAfter(NOW, 30);
    assertEquals(NOW.plus(Duration.ofDays(30)), expiry.toInstant());
  }
}
