package io.lapsbridge.crypto;

import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;

/**
 * A decrypted {@code msLAPS-Encrypted*} value. The password is a {@link Secret}, so printing
 * this record shows {@code ****}.
 *
 * @param account the managed account ({@code n})
 * @param updated the update time from the JSON ({@code t})
 * @param password the password ({@code p})
 * @param headerTime the update time from the 16-byte header (Windows writes the same value)
 * @param authorizedDecryptor the SID of the protection descriptor, as {@code Get-LapsADPassword}
 *     shows it under AuthorizedDecryptor
 */
public record DecryptedPassword(
    String account,
    FileTime updated,
    Secret password,
    FileTime headerTime,
    String authorizedDecryptor) {
  public DecryptedPassword {
    if (account == null || updated == null || password == null || headerTime == null
        || authorizedDecryptor == null) {
      throw new IllegalArgumentException("decrypted password fields must not be null");
    }
  }
}
