package io.lapsbridge.rotation;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Whether to rotate now, and why or why not. */
public sealed interface RotationDecision permits RotationDecision.Rotate,
    RotationDecision.NotDue {

  /** One line for the event log. */
  String describe();

  boolean rotate();

  /** Rotate now, for these reasons (never empty). */
  record Rotate(Set<RotationReason> reasons) implements RotationDecision {
    public Rotate {
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a rotation needs a reason");
      }
      reasons = Set.copyOf(EnumSet.copyOf(reasons));
    }

    @Override
    public String describe() {
      return "the password needs to be updated: " + EnumSet.copyOf(reasons).stream()
          .map(RotationReason::text).collect(Collectors.joining("; "));
    }

    @Override
    public boolean rotate() {
      return true;
    }
  }

  /**
   * Not yet: {@code daysLeft} as the AdmPwd CSE counts them, and a pending post-authentication
   * reset if a login started one.
   */
  record NotDue(long daysLeft, Instant expiry, Optional<Instant> postAuthAt)
      implements RotationDecision {
    @Override
    public String describe() {
      return "the password does not need to be updated: days to change: " + daysLeft
          + " (expires " + expiry + ")"
          + postAuthAt.map(at -> "; post-authentication reset scheduled at " + at).orElse("");
    }

    @Override
    public boolean rotate() {
      return false;
    }
  }
}
