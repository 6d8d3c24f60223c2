package io.lapsbridge.migration;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import java.time.Instant;
import java.util.Objects;

/**
 * One planned change to one computer. Every action carries the values the plan saw, so that
 * apply can re-validate it against the live entry ({@link #check}) and write conditionally.
 * None carries a password: a mirror reads the password at apply time.
 */
public sealed interface Action
    permits Action.ForceRotation,
        Action.CleanupLegacy,
        Action.MirrorToWindows,
        Action.MirrorToLegacy,
        Action.RefreshMirror,
        Action.ClearAfterEntra {

  String dn();

  /** The rule that asked for it. */
  String rule();

  /** Why, in one line. */
  String reason();

  /** The stable kind name used in plans and journals. */
  String kind();

  /** Whether the action writes a password (mirrors do; the rest change expiry or delete). */
  default boolean copiesPassword() {
    return false;
  }

  /** Compares the live entry with what the plan saw. */
  Verdict check(ComputerSnapshot live);

  <R> R accept(Visitor<R> visitor);

  /** Double dispatch for the adapters that perform actions. */
  interface Visitor<R> {
    R forceRotation(ForceRotation action);

    R cleanupLegacy(CleanupLegacy action);

    R mirrorToWindows(MirrorToWindows action);

    R mirrorToLegacy(MirrorToLegacy action);

    R refreshMirror(RefreshMirror action);

    R clearAfterEntra(ClearAfterEntra action);
  }

  /**
   * Sets one family's expiry to the plan time, which is already past when apply runs, so the
   * device's client rotates at its next cycle and writes the family its policy now names.
   *
   * @param legacy true for {@code ms-Mcs-AdmPwdExpirationTime}, false for {@code
   *     msLAPS-PasswordExpirationTime}
   * @param seenExpiry the expiry the plan saw (null: absent)
   * @param newExpiry the plan time
   */
  record ForceRotation(
      String dn, String rule, String reason, boolean legacy, FileTime seenExpiry,
      FileTime newExpiry)
      implements Action {
    public ForceRotation {
      Checks.common(dn, rule, reason);
      Objects.requireNonNull(newExpiry, "newExpiry");
    }

    @Override
    public String kind() {
      return "force-rotation";
    }

    public String attribute() {
      return LapsAttribute.expirationOf(legacy ? AttributeFamily.LEGACY : AttributeFamily.WINDOWS)
          .ldapName();
    }

    @Override
    public Verdict check(ComputerSnapshot live) {
      FileTime current = legacy ? live.legacyExpiry() : live.windowsExpiry();
      if (Objects.equals(current, newExpiry)) {
        return Verdict.done(attribute() + " is already " + Checks.show(newExpiry));
      }
      if (Objects.equals(current, seenExpiry)) {
        return Verdict.apply();
      }
      return Checks.changed(attribute(), seenExpiry, current);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.forceRotation(this);
    }
  }

  /**
   * Removes {@code ms-Mcs-AdmPwd} and {@code ms-Mcs-AdmPwdExpirationTime}, only while a Windows
   * LAPS password exists, is not a mirror, and was written at least the grace period after the
   * legacy expiry (a legacy password is written before its own expiry, so the expiry bounds its
   * write time from above).
   *
   * @param seenLegacyExpiry the legacy expiry the plan saw
   * @param seenWindowsExpiry the Windows LAPS expiry the plan saw
   * @param windowsWrittenBy the Windows LAPS password must be written at or after this
   */
  record CleanupLegacy(
      String dn, String rule, String reason, FileTime seenLegacyExpiry,
      FileTime seenWindowsExpiry, FileTime windowsWrittenBy)
      implements Action {
    public CleanupLegacy {
      Checks.common(dn, rule, reason);
      Objects.requireNonNull(seenLegacyExpiry, "seenLegacyExpiry");
      Objects.requireNonNull(windowsWrittenBy, "windowsWrittenBy");
    }

    @Override
    public String kind() {
      return "cleanup-legacy";
    }

    @Override
    public Verdict check(ComputerSnapshot live) {
      if (!live.legacyPassword() && live.legacyExpiry() == null) {
        return Verdict.done("no legacy attributes remain");
      }
      if (!live.windowsPassword()) {
        return Verdict.stale("no Windows LAPS password is stored; the legacy password is the only"
            + " copy");
      }
      if (Mirrors.isMirror(live)) {
        return Verdict.stale(LapsAttribute.PASSWORD.ldapName()
            + " is a mirror of the legacy password, not a Windows"
            + " LAPS rotation");
      }
      if (!Objects.equals(live.legacyExpiry(), seenLegacyExpiry)) {
        return Verdict.stale(LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName()
            + " changed since the plan (plan saw "
            + Checks.show(seenLegacyExpiry) + ", now " + Checks.show(live.legacyExpiry())
            + "): the legacy client is still active");
      }
      if (!Objects.equals(live.windowsExpiry(), seenWindowsExpiry)) {
        return Verdict.stale(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName()
            + " changed since the plan (plan saw "
            + Checks.show(seenWindowsExpiry) + ", now " + Checks.show(live.windowsExpiry())
            + "); plan again");
      }
      if (live.windowsUpdated() == null || live.windowsUpdated().compareTo(windowsWrittenBy) < 0) {
        return Verdict.stale("the Windows LAPS password is not newer than the legacy one by the"
            + " grace period");
      }
      return Verdict.apply();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.cleanupLegacy(this);
    }
  }

  /**
   * Copies the legacy password into {@code msLAPS-Password} JSON so that one tool reads the
   * whole estate. Opt-in.
   *
   * @param seenLegacyExpiry the legacy expiry the plan saw; the copy is made only if unchanged
   * @param account the {@code n} of the JSON
   * @param updated the {@code t} of the JSON: the plan time
   * @param expires the {@code msLAPS-PasswordExpirationTime} to write
   * @param decryptor null for cleartext {@code msLAPS-Password}; else the SID the copy is
   *     encrypted to, in {@code msLAPS-EncryptedPassword} (#14)
   */
  record MirrorToWindows(
      String dn, String rule, String reason, FileTime seenLegacyExpiry, String account,
      FileTime updated, FileTime expires, String decryptor)
      implements Action {
    /** A cleartext mirror, as before #14. */
    public MirrorToWindows(String dn, String rule, String reason, FileTime seenLegacyExpiry,
        String account, FileTime updated, FileTime expires) {
      this(dn, rule, reason, seenLegacyExpiry, account, updated, expires, null);
    }

    public MirrorToWindows {
      Checks.common(dn, rule, reason);
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(updated, "updated");
      Objects.requireNonNull(expires, "expires");
    }

    @Override
    public String kind() {
      return "mirror-to-windows";
    }

    @Override
    public boolean copiesPassword() {
      return true;
    }

    /** Whether the copy is encrypted ({@code msLAPS-EncryptedPassword}). */
    public boolean encrypted() {
      return decryptor != null;
    }

    @Override
    public Verdict check(ComputerSnapshot live) {
      if (live.windowsCleartext() && live.windowsMirrorsLegacy()) {
        return Verdict.done(LapsAttribute.PASSWORD.ldapName()
            + " already mirrors the legacy password");
      }
      // Nothing here can decrypt, so an encrypted copy is recognised by what the write sets
      // beside it: the plan's expiry (the mark), with the legacy value the copy was made of.
      if (encrypted() && live.windowsEncrypted() && live.legacyPassword()
          && Objects.equals(live.windowsExpiry(), expires)
          && Objects.equals(live.legacyExpiry(), seenLegacyExpiry)) {
        return Verdict.done(LapsAttribute.ENCRYPTED_PASSWORD.ldapName()
            + " holds the encrypted mirror of the legacy password");
      }
      if (live.windowsPassword()) {
        return Verdict.stale("a Windows LAPS password appeared since the plan; nothing to mirror");
      }
      if (!live.legacyPassword()) {
        return Verdict.stale("the legacy password is gone; nothing to mirror");
      }
      if (!Objects.equals(live.legacyExpiry(), seenLegacyExpiry)) {
        return Checks.changed(LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName(), seenLegacyExpiry,
            live.legacyExpiry());
      }
      return Verdict.apply();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.mirrorToWindows(this);
    }
  }

  /**
   * Copies the cleartext Windows LAPS password into {@code ms-Mcs-AdmPwd}: a downgrade, which
   * the plan contains only when built with {@code --allow-downgrade}.
   *
   * @param seenWindowsExpiry the Windows LAPS expiry the plan saw
   * @param expires the {@code ms-Mcs-AdmPwdExpirationTime} to write
   */
  record MirrorToLegacy(
      String dn, String rule, String reason, FileTime seenWindowsExpiry, FileTime expires)
      implements Action {
    public MirrorToLegacy {
      Checks.common(dn, rule, reason);
      Objects.requireNonNull(expires, "expires");
    }

    @Override
    public String kind() {
      return "mirror-to-legacy";
    }

    @Override
    public boolean copiesPassword() {
      return true;
    }

    @Override
    public Verdict check(ComputerSnapshot live) {
      if (live.legacyPassword() && live.windowsMirrorsLegacy()) {
        return Verdict.done(LapsAttribute.LEGACY_PASSWORD.ldapName()
            + " already mirrors the Windows LAPS password");
      }
      if (live.legacyPassword()) {
        return Verdict.stale("a legacy password appeared since the plan; nothing to mirror");
      }
      if (!live.windowsCleartext()) {
        return Verdict.stale("no cleartext Windows LAPS password to mirror");
      }
      if (!Objects.equals(live.windowsExpiry(), seenWindowsExpiry)) {
        return Checks.changed(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(), seenWindowsExpiry,
            live.windowsExpiry());
      }
      return Verdict.apply();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.mirrorToLegacy(this);
    }
  }

  /**
   * Copies the legacy password again into an out-of-date lapsbridge mirror (see {@link
   * Mirrors}), after the legacy client rotated. Never overwrites a Windows LAPS client's write:
   * the live entry must still carry the mirror mark with the time and account the plan saw,
   * and the write is conditional on the exact {@code msLAPS-Password}, legacy password and
   * expiry read just before it.
   *
   * @param seenLegacyExpiry the legacy expiry the plan saw (the rotated one)
   * @param seenUpdated the out-of-date mirror's {@code t} (and expiry) the plan saw
   * @param account the {@code n} the mirror records and keeps
   * @param updated the new {@code t} and expiry: the plan time
   */
  record RefreshMirror(
      String dn, String rule, String reason, FileTime seenLegacyExpiry, FileTime seenUpdated,
      String account, FileTime updated)
      implements Action {
    public RefreshMirror {
      Checks.common(dn, rule, reason);
      Objects.requireNonNull(seenLegacyExpiry, "seenLegacyExpiry");
      Objects.requireNonNull(seenUpdated, "seenUpdated");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(updated, "updated");
    }

    @Override
    public String kind() {
      return "mirror-refresh";
    }

    @Override
    public boolean copiesPassword() {
      return true;
    }

    @Override
    public Verdict check(ComputerSnapshot live) {
      if (live.windowsCleartext() && !live.windowsEncrypted() && live.windowsMirrorsLegacy()) {
        return Verdict.done(LapsAttribute.PASSWORD.ldapName() + " mirrors the legacy password");
      }
      if (live.windowsEncrypted()) {
        return Verdict.stale("an encrypted Windows LAPS password appeared since the plan; the"
            + " computer is migrating, not refreshed");
      }
      if (!live.legacyPassword()) {
        return Verdict.stale("the legacy password is gone; nothing to mirror");
      }
      if (!live.windowsCleartext()) {
        return Verdict.stale(LapsAttribute.PASSWORD.ldapName()
            + " is gone since the plan; not refreshed");
      }
      if (!Mirrors.marked(live) || !Objects.equals(live.windowsUpdated(), seenUpdated)
          || !account.equals(live.windowsAccount())) {
        return Verdict.stale(LapsAttribute.PASSWORD.ldapName()
            + " is no longer the mirror the plan saw (plan saw t "
            + Checks.show(seenUpdated) + ", now " + Checks.show(live.windowsUpdated())
            + "): a Windows LAPS client or a person wrote it; not overwritten");
      }
      if (!Objects.equals(live.legacyExpiry(), seenLegacyExpiry)) {
        return Verdict.stale(LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName()
            + " changed since the plan (plan saw "
            + Checks.show(seenLegacyExpiry) + ", now " + Checks.show(live.legacyExpiry())
            + "): a client rotated; plan again");
      }
      return Verdict.apply();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.refreshMirror(this);
    }
  }

  /**
   * Removes every LAPS password and expiry from a computer whose Entra device (matched by SID)
   * holds a newer backup: the step Microsoft recommends after a device moves its backup to Entra
   * (#16). Apply re-reads Entra first ({@link #entraStillNewer}), then AD ({@link #check}), and
   * removes exactly the values read.
   *
   * @param deviceId the Entra {@code deviceId} matched to the computer's {@code objectSid}
   * @param entraBackup the Entra backup time the plan saw
   * @param seenLegacyExpiry the legacy expiry the plan saw (null: absent)
   * @param seenWindowsExpiry the Windows LAPS expiry the plan saw (null: absent)
   * @param seenWindowsUpdated the Windows LAPS password's update time the plan saw (null:
   *     absent)
   */
  record ClearAfterEntra(
      String dn, String rule, String reason, String deviceId, Instant entraBackup,
      FileTime seenLegacyExpiry, FileTime seenWindowsExpiry, FileTime seenWindowsUpdated)
      implements Action {
    public ClearAfterEntra {
      Checks.common(dn, rule, reason);
      if (deviceId == null || deviceId.isBlank()) {
        throw new IllegalArgumentException("deviceId: expected the Entra deviceId");
      }
      Objects.requireNonNull(entraBackup, "entraBackup");
    }

    @Override
    public String kind() {
      return "clear-ad-after-entra";
    }

    @Override
    public Verdict check(ComputerSnapshot live) {
      if (!EntraMove.adHoldsLaps(live)) {
        return Verdict.done("no LAPS attributes remain in AD");
      }
      if (!Objects.equals(live.legacyExpiry(), seenLegacyExpiry)) {
        return Checks.changed(LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName(), seenLegacyExpiry,
            live.legacyExpiry());
      }
      if (!Objects.equals(live.windowsExpiry(), seenWindowsExpiry)) {
        return Checks.changed(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(),
            seenWindowsExpiry, live.windowsExpiry());
      }
      if (!Objects.equals(live.windowsUpdated(), seenWindowsUpdated)) {
        return Verdict.stale("the Windows LAPS password in AD changed since the plan (plan saw t "
            + Checks.show(seenWindowsUpdated) + ", now " + Checks.show(live.windowsUpdated())
            + "): the device writes AD again; not cleared");
      }
      return Verdict.apply();
    }

    /**
     * The Entra half of the guard, with the backup Entra holds now (null: none): the AD values
     * are those the plan saw (checked by {@link #check}), so the rule is re-evaluated on them.
     */
    public Verdict entraStillNewer(Instant liveBackup, Instant now) {
      if (liveBackup == null) {
        return Verdict.stale("Entra holds no backup for device " + deviceId
            + " any more; the AD copy is kept");
      }
      if (!EntraMove.adCopyLeft(seenWindowsUpdated, seenWindowsExpiry, seenLegacyExpiry,
          liveBackup, now)) {
        return Verdict.stale("Entra's backup of device " + deviceId + " (" + liveBackup
            + ") is not newer than the AD copy; the AD copy is kept");
      }
      return Verdict.apply();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.clearAfterEntra(this);
    }
  }

  /** Shared validation and display. */
  final class Checks {
    private Checks() {}

    static void common(String dn, String rule, String reason) {
      if (dn == null || dn.isBlank() || rule == null || rule.isBlank() || reason == null) {
        throw new IllegalArgumentException("an action needs a DN, a rule and a reason");
      }
    }

    /**
     * Stale because an expiry differs from the plan's. A client rotating rewrites the expiry but
     * never removes it, so an absent one is either a removal or an account that may not read it
     * (on OpenLDAP, one with the bare write privilege), not a rotation.
     */
    static Verdict changed(String attribute, FileTime seen, FileTime now) {
      return Verdict.stale(attribute + " changed since the plan (plan saw " + show(seen)
          + ", now " + show(now) + "): " + (now == null
              ? "removed, or not readable by this account" : "a client rotated"));
    }

    static String show(FileTime time) {
      if (time == null) {
        return "absent";
      }
      Instant instant = time.toInstant();
      return FileTimeText.toDecimal(time) + " (" + instant + ")";
    }
  }
}
