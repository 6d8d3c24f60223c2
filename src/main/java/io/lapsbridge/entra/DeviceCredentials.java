package io.lapsbridge.entra;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A device's {@code deviceLocalCredentialInfo}.
 *
 * @param deviceId the Entra {@code deviceId} (the resource's {@code id})
 * @param deviceName the device's name
 * @param lastBackup {@code lastBackupDateTime}, or null
 * @param refresh {@code refreshDateTime}, when the device next rotates; or null
 * @param credentials the password history, newest first (Graph may mix accounts and orders); empty
 *     when Graph returned metadata only
 */
public record DeviceCredentials(String deviceId, String deviceName, Instant lastBackup,
    Instant refresh, List<LocalCredential> credentials) {
  private static final Comparator<LocalCredential> NEWEST_FIRST = Comparator.comparing(
      LocalCredential::backupTime, Comparator.nullsLast(Comparator.reverseOrder()));

  public DeviceCredentials {
    credentials = credentials.stream().sorted(NEWEST_FIRST).toList();
  }

  /** The metadata of this record, as the device list gives it. */
  public CredentialSummary summary() {
    return new CredentialSummary(deviceId, deviceName, lastBackup, refresh);
  }

  /** Wipes every password. */
  public void wipe() {
    credentials.forEach(c -> c.password().close());
  }
}
