package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The pure rotation rule of the AdmPwd CSE and the Windows LAPS client. */
public final class RotationDecider {
  /** 100 ns ticks in a day. */
  static final long TICKS_PER_DAY = 864_000_000_000L;

  private RotationDecider() {}

  /**
   * Decides for one cycle.
   *
   * @param now the cycle's clock reading
   * @param target the managed family, age and post-authentication settings
   * @param expiry the stored expiry, empty when missing or malformed
   * @param last the last rotation this agent completed for the family
   * @param lastLogin when the managed account last authenticated, if known
   * @param forced a rotation asked for on the device
   */
  public static RotationDecision decide(Instant now, AgentTarget target, Optional<FileTime> expiry,
      Optional<LastRotation> last, Optional<Instant> lastLogin, boolean forced) {
    return decide(now, target, expiry, Optional.empty(), last, lastLogin, forced);
  }

  /**
   * Decides for one cycle, with the directory's {@code msLAPS-CurrentPasswordVersion}: when both
   * it and the version this device recorded with its last rotation are known and differ, the
   * device runs on an older copy of itself (an image or snapshot restored), so its password is
   * not the directory's: rotate, as Windows LAPS does (24H2 / Windows Server 2025). When either
   * is unknown (an older schema, a bind that may not read the attribute, no rotation yet) nothing
   * can be compared and this rule stays silent.
   */
  public static RotationDecision decide(Instant now, AgentTarget target, Optional<FileTime> expiry,
      Optional<UUID> storedVersion, Optional<LastRotation> last, Optional<Instant> lastLogin,
      boolean forced) {
    Set<RotationReason> reasons = EnumSet.noneOf(RotationReason.class);
    if (target.family() == AttributeFamily.WINDOWS && storedVersion.isPresent()
        && last.isPresent() && last.get().version().isPresent()
        && !last.get().version().equals(storedVersion)) {
      reasons.add(RotationReason.IMAGE_ROLLBACK);
    }
    if (forced) {
      reasons.add(RotationReason.FORCED);
    }
    FileTime nowTicks = FileTime.of(now);
    long daysLeft = 0;
    if (expiry.isEmpty()) {
      reasons.add(RotationReason.NO_EXPIRY);
    } else {
      long stored = expiry.get().ticks();
      // AdmPwd: daysToChange = (ts - now + day) / day when ts is in the future, else 0.
      daysLeft = nowTicks.ticks() < stored
          ? (stored - nowTicks.ticks() + TICKS_PER_DAY) / TICKS_PER_DAY : 0;
      if (daysLeft == 0) {
        boolean moved = last.isPresent() && !last.get().expiresWritten().equals(expiry.get());
        reasons.add(moved ? RotationReason.ADMIN_RESET : RotationReason.EXPIRED);
      } else if (target.expirationProtection() && daysLeft > target.passwordAgeDays()) {
        reasons.add(RotationReason.BEYOND_POLICY);
      }
    }
    if (target.family() == AttributeFamily.WINDOWS && last.isEmpty()) {
      reasons.add(RotationReason.FIRST_POLICY);
    }
    Optional<Instant> postAuthAt = Optional.empty();
    if (target.postAuthDelayHours() > 0 && lastLogin.isPresent()
        && (last.isEmpty() || lastLogin.get().isAfter(last.get().at()))) {
      Instant due = lastLogin.get().plus(Duration.ofHours(target.postAuthDelayHours()));
      if (!now.isBefore(due)) {
        reasons.add(RotationReason.POST_AUTHENTICATION);
      } else {
        postAuthAt = Optional.of(due);
      }
    }
    if (!reasons.isEmpty()) {
      return new RotationDecision.Rotate(reasons);
    }
    return new RotationDecision.NotDue(daysLeft, expiry.orElseThrow().toInstant(), postAuthAt);
  }

  /** The expiry written with a new password: now + PasswordAgeDays. */
  public static FileTime expiryAfter(Instant now, int passwordAgeDays) {
    return new FileTime(FileTime.of(now).ticks() + passwordAgeDays * TICKS_PER_DAY);
  }
}
