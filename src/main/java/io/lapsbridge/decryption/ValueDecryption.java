package io.lapsbridge.decryption;

import io.lapsbridge.crypto.DecryptedPassword;
import io.lapsbridge.model.FileTime;

/**
 * What became of one encrypted value. The header time and the authorized decryptor are readable
 * without any key, as in Windows; they are null only for a malformed value.
 *
 * @param status the DecryptionStatus column
 * @param headerTime the update time from the value's header, or null when malformed
 * @param authorizedDecryptorSid the SID the value is protected to, or null when malformed
 * @param password the decrypted password, present only with {@link DecryptionStatus#SUCCESS};
 *     its {@code toString()} masks the secret
 * @param note why the value was not decrypted, or null on success
 */
public record ValueDecryption(
    DecryptionStatus status,
    FileTime headerTime,
    String authorizedDecryptorSid,
    DecryptedPassword password,
    String note) {
  public ValueDecryption {
    if (status == null || (status == DecryptionStatus.SUCCESS) != (password != null)) {
      throw new IllegalArgumentException("a decrypted password comes with Success, and only then");
    }
  }

  public boolean decrypted() {
    return status == DecryptionStatus.SUCCESS;
  }
}
