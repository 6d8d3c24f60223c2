package io.lapsbridge.migration;

import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.util.Objects;

/**
 * The one rule for "the AD copy was left behind after the device moved to Entra" (#16), shared
 * by the combined inventory's {@code ad-copy-left} and the migration step that clears it: with a
 * password in both directories, the AD copy is left behind when Entra's backup is newer than the
 * AD password's update time, or the AD expiry has passed (the device no longer updates AD).
 * AD's expiry minus a policy age is not used: the age is not known per device.
 */
public final class EntraMove {
  private EntraMove() {}

  /**
   * The Entra device an AD computer was matched to, and its backup.
   *
   * @param deviceId the Entra {@code deviceId}
   * @param lastBackup the newest backup's time, or null when the device has none
   * @param bySid matched by {@code objectSid} = {@code onPremisesSecurityIdentifier}; false when
   *     matched by name only, which is reported and never cleared on
   */
  public record Match(String deviceId, Instant lastBackup, boolean bySid) {
    public Match {
      Objects.requireNonNull(deviceId, "deviceId");
    }
  }

  /** Whether the AD copy is left behind, from the instants themselves (null: unknown/absent). */
  public static boolean adCopyLeft(Instant adUpdated, Instant adExpiry, Instant entraBackup,
      Instant asOf) {
    if (entraBackup == null) {
      return false;
    }
    boolean older = adUpdated != null && adUpdated.isBefore(entraBackup);
    boolean expired = adExpiry != null && adExpiry.isBefore(asOf);
    return older || expired;
  }

  /** {@link #adCopyLeft(Instant, Instant, Instant, Instant)} from what AD stores. */
  public static boolean adCopyLeft(FileTime windowsUpdated, FileTime windowsExpiry,
      FileTime legacyExpiry, Instant entraBackup, Instant asOf) {
    return adCopyLeft(instant(windowsUpdated),
        instant(windowsExpiry != null ? windowsExpiry : legacyExpiry), entraBackup, asOf);
  }

  /** Whether AD holds any LAPS password or expiry of the computer's. */
  public static boolean adHoldsLaps(ComputerSnapshot c) {
    return c.legacyPassword() || c.legacyExpiry() != null || c.windowsPassword()
        || c.windowsExpiry() != null;
  }

  /** Whether AD holds a password of the computer's (what the inventory counts). */
  public static boolean adHoldsPassword(ComputerSnapshot c) {
    return c.legacyPassword() || c.windowsCleartext() || c.windowsEncrypted();
  }

  private static Instant instant(FileTime time) {
    return time == null || time.isNever() ? null : time.toInstant();
  }
}
