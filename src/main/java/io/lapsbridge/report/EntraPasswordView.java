package io.lapsbridge.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lapsbridge.decryption.DecryptionStatus;
import io.lapsbridge.entra.CredentialSummary;
import io.lapsbridge.entra.DeviceCredentials;
import io.lapsbridge.entra.LocalCredential;
import java.util.ArrayList;
import java.util.List;

/**
 * A password backed up to Microsoft Entra ID (#16), with the fields of the AD rows so that one
 * {@code get-password} prints both alike: {@code dn} is empty, {@code deviceId} names the Entra
 * device, {@code source} says Entra, and {@code passwordEncoding} says how {@code
 * passwordBase64} was decoded. With metadata only, {@code password} is empty and {@code note}
 * names the permission that is missing.
 */
public record EntraPasswordView(
    String computer,
    String dn,
    String deviceId,
    String account,
    String accountSid,
    String password,
    String passwordUpdateTime,
    String expiration,
    String source,
    String decryptionStatus,
    String authorizedDecryptor,
    String passwordEncoding,
    @JsonInclude(JsonInclude.Include.NON_NULL) String note) implements PasswordView {
  /** The Source of the newest backed-up password. */
  public static final String CURRENT = "EntraIdPassword";
  /** The Source of the older ones. */
  public static final String HISTORY = "EntraIdPasswordHistory";

  /**
   * The views of a device: the newest password, then, with {@code history}, the older ones
   * newest first. Entra shows its next rotation ({@code refreshDateTime}) as the current
   * password's expiration, as Get-LapsAADPassword does.
   */
  public static List<EntraPasswordView> of(DeviceCredentials device, boolean history,
      String note) {
    List<EntraPasswordView> views = new ArrayList<>();
    String notApplicable = DecryptionStatus.NOT_APPLICABLE.displayName();
    List<LocalCredential> credentials = device.credentials();
    for (int i = 0; i < credentials.size() && (history || i == 0); i++) {
      LocalCredential c = credentials.get(i);
      views.add(new EntraPasswordView(device.deviceName(), null, device.deviceId(),
          c.accountName(), c.accountSid(),
          // The one place an Entra password leaves the process: get-password exists to show it.
          c.password().reveal(), Times.iso(c.backupTime()),
          i == 0 ? Times.iso(device.refresh()) : null, i == 0 ? CURRENT : HISTORY,
          notApplicable, notApplicable, c.encoding().label(), i == 0 ? note : null));
    }
    return views;
  }

  /** The view of a device whose passwords were withheld: its metadata and why. */
  public static EntraPasswordView metadataOnly(CredentialSummary device, String why) {
    String notApplicable = DecryptionStatus.NOT_APPLICABLE.displayName();
    return new EntraPasswordView(device.deviceName(), null, device.deviceId(), null, null, null,
        Times.iso(device.lastBackup()), Times.iso(device.refresh()), CURRENT, notApplicable,
        notApplicable, null, "metadata only: " + why);
  }

  @Override
  public String toString() {
    return "EntraPasswordView[" + computer + ", " + deviceId + ", " + source + ", password=****]";
  }
}
