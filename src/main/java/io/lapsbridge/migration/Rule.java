package io.lapsbridge.migration;

import java.time.Duration;

/**
 * One migration rule: a scope, the end state, and which actions it allows.
 *
 * @param name unique within the file; every action names its rule
 * @param scope which computers it covers
 * @param target the end state
 * @param forceRotation set the expiry to the plan time so the client writes the target family
 * @param cleanupLegacy remove the legacy attributes once the guard holds
 * @param grace how much newer than the legacy password the Windows LAPS one must be for cleanup
 * @param mirror copy the password into the missing family, and refresh an out-of-date copy
 *     (opt-in)
 * @param account the managed account name a legacy-to-Windows mirror records
 */
public record Rule(
    String name,
    Scope scope,
    Target target,
    boolean forceRotation,
    boolean cleanupLegacy,
    Duration grace,
    boolean mirror,
    String account) {
  public static final int DEFAULT_GRACE_DAYS = 7;
  public static final String DEFAULT_ACCOUNT = "Administrator";

  public Rule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rule needs a name");
    }
    if (scope == null || target == null || grace == null || account == null) {
      throw new IllegalArgumentException("rule " + name + " is incomplete");
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("rule " + name + ": grace must not be negative");
    }
  }
}
