package io.lapsbridge.migration;

import io.lapsbridge.model.FileTime;
import java.util.List;
import java.util.Objects;

/**
 * The expiries that a computer's force rotations in the same plan write, so that re-checking
 * another action of that computer takes them for the plan's own values, not for a client's
 * rotation (#18). A resume meets them when a rotation landed after an earlier action of the
 * same computer ended without its journal line (a kill) or failed (before units stopped at
 * their first failure). A rotation writes the plan time to the tick, which no client writes
 * (a client writes its update time plus the password age), so the value identifies the plan.
 *
 * @param rotations the other force rotations of the computer, in plan order
 */
public record OwnWrites(List<Action.ForceRotation> rotations) {
  /** No other action of the computer writes an expiry. */
  public static final OwnWrites NONE = new OwnWrites(List.of());

  public OwnWrites {
    rotations = List.copyOf(rotations);
  }

  /** The force rotations of {@code unit} (one computer's actions) other than {@code action}. */
  public static OwnWrites of(List<Action> unit, Action action) {
    return new OwnWrites(unit.stream()
        .filter(a -> a != action && a instanceof Action.ForceRotation)
        .map(a -> (Action.ForceRotation) a)
        .toList());
  }

  /** {@code action}'s verdict on {@code live} as it was before the plan's own rotations. */
  public Verdict check(Action action, ComputerSnapshot live) {
    return action.check(undo(live));
  }

  /**
   * {@code live} with each expiry that equals one of the rotations' new value read as the value
   * that rotation replaced (the value the plan saw).
   */
  public ComputerSnapshot undo(ComputerSnapshot live) {
    FileTime legacy = live.legacyExpiry();
    FileTime windows = live.windowsExpiry();
    for (Action.ForceRotation rotation : rotations) {
      if (rotation.legacy() && Objects.equals(legacy, rotation.newExpiry())) {
        legacy = rotation.seenExpiry();
      } else if (!rotation.legacy() && Objects.equals(windows, rotation.newExpiry())) {
        windows = rotation.seenExpiry();
      }
    }
    if (Objects.equals(legacy, live.legacyExpiry())
        && Objects.equals(windows, live.windowsExpiry())) {
      return live;
    }
    return new ComputerSnapshot(live.dn(), live.name(), live.legacyPassword(), legacy,
        live.windowsCleartext(), live.windowsUpdated(), windows, live.windowsEncrypted(),
        live.windowsMirrorsLegacy(), live.problems(), live.windowsAccount());
  }
}
