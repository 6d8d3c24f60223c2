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
 * @param mirrorDecryptor null for a cleartext {@code msLAPS-Password} mirror; else the SID of
 *     the authorized decryptor an encrypted {@code msLAPS-EncryptedPassword} mirror is
 *     encrypted to (#14)
 * @param clearAfterEntra clear the computer's AD LAPS attributes once its Entra device (matched
 *     by SID) holds a newer backup ({@code afterEntraMove: clear}, #16)
 */
public record Rule(
    String name,
    Scope scope,
    Target target,
    boolean forceRotation,
    boolean cleanupLegacy,
    Duration grace,
    boolean mirror,
    String account,
    String mirrorDecryptor,
    boolean clearAfterEntra) {
  public static final int DEFAULT_GRACE_DAYS = 7;
  public static final String DEFAULT_ACCOUNT = "Administrator";

  /** A rule without the Entra step, as before #16. */
  public Rule(String name, Scope scope, Target target, boolean forceRotation,
      boolean cleanupLegacy, Duration grace, boolean mirror, String account,
      String mirrorDecryptor) {
    this(name, scope, target, forceRotation, cleanupLegacy, grace, mirror, account,
        mirrorDecryptor, false);
  }

  /** A rule whose mirror (if any) is cleartext, as before #14. */
  public Rule(String name, Scope scope, Target target, boolean forceRotation,
      boolean cleanupLegacy, Duration grace, boolean mirror, String account) {
    this(name, scope, target, forceRotation, cleanupLegacy, grace, mirror, account, null, false);
  }

  public Rule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rule needs a name");
    }
    if (scope == null || target == null || grace == null || account == null) {
      throw new IllegalArgumentException("rule " + name + " is incomplete");
    }
    if (mirrorDecryptor != null && !mirror) {
      throw new IllegalArgumentException("rule " + name + ": a decryptor needs a mirror");
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("rule " + name + ": grace must not be negative");
    }
  }

  /** Whether the mirror is written encrypted to {@link #mirrorDecryptor}. */
  public boolean mirrorEncrypted() {
    return mirrorDecryptor != null;
  }
}
