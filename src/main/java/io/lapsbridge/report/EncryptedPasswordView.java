package io.lapsbridge.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lapsbridge.crypto.DecryptedPassword;
import io.lapsbridge.decryption.ValueDecryption;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.PasswordSource;

/**
 * One {@code msLAPS-Encrypted*} value, decrypted or not. The header time and the authorized
 * decryptor show even without a key, as in Windows; {@code note} says why a value was not
 * decrypted and is absent when it was.
 */
public record EncryptedPasswordView(
    String computer,
    String dn,
    String account,
    String password,
    String passwordUpdateTime,
    String expiration,
    String source,
    String decryptionStatus,
    String authorizedDecryptor,
    String authorizedDecryptorSid,
    @JsonInclude(JsonInclude.Include.NON_NULL) String note) implements PasswordView {

  /**
   * The view of one encrypted value and how its decryption went.
   *
   * @param expiration the computer's expiry for a current value; null for history, which Windows
   *     shows without one
   * @param decryptorName the account name of the authorized decryptor, or null to show its SID
   */
  public static EncryptedPasswordView of(ComputerRef computer, PasswordSource source,
      FileTime expiration, ValueDecryption value, String decryptorName) {
    DecryptedPassword decrypted = value.password();
    String sid = value.authorizedDecryptorSid();
    FileTime updated = decrypted != null ? decrypted.updated() : value.headerTime();
    return new EncryptedPasswordView(computer.name(), computer.dn(),
        decrypted == null ? null : decrypted.account(),
        // The one place a decrypted password leaves the process: get-password exists to show it.
        decrypted == null ? null : decrypted.password().reveal(),
        updated == null ? null : Times.iso(updated.toInstant()),
        expiration == null ? null : Times.iso(expiration.toInstant()),
        source.displayName(), value.status().displayName(),
        sid == null ? null : decryptorName != null ? decryptorName : sid,
        sid, value.note());
  }

  @Override
  public String toString() {
    return "EncryptedPasswordView[" + computer + ", " + source + ", " + decryptionStatus
        + ", password=****]";
  }
}
