package io.lapsbridge.entra;

import io.lapsbridge.model.Secret;
import java.time.Instant;

/**
 * One backed-up local administrator password of a device ({@code deviceLocalCredential}).
 *
 * @param accountName the managed account
 * @param accountSid its SID, as Graph gives it
 * @param backupTime when the device backed it up
 * @param password the password
 * @param encoding how {@code passwordBase64} was decoded
 */
public record LocalCredential(String accountName, String accountSid, Instant backupTime,
    Secret password, PasswordEncoding encoding) {
  @Override
  public String toString() {
    return "LocalCredential[" + accountName + ", " + backupTime + ", password=****]";
  }
}
