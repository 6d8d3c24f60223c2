package io.lapsbridge.decryption;

import io.lapsbridge.crypto.LapsCryptoException;

/**
 * The DecryptionStatus of one value: Get-LapsADPassword's {@code NotApplicable}, {@code Success}
 * and {@code Unauthorized}, plus one value per reason an offline decryption can fail, so that a
 * damaged value is told apart from a missing key.
 */
public enum DecryptionStatus {
  NOT_APPLICABLE("NotApplicable"),
  SUCCESS("Success"),
  /** No key is available to this caller: no privileged bind, no key file, or a refused GetKey. */
  UNAUTHORIZED("Unauthorized"),
  ROOT_KEY_NOT_FOUND("RootKeyNotFound"),
  WRONG_ROOT_KEY("WrongRootKey"),
  DAMAGED("Damaged"),
  MALFORMED("Malformed"),
  UNSUPPORTED("Unsupported");

  private final String displayName;

  DecryptionStatus(String displayName) {
    this.displayName = displayName;
  }

  /** The name Windows prints, such as {@code Success}. */
  public String displayName() {
    return displayName;
  }

  static DecryptionStatus of(LapsCryptoException.Reason reason) {
    return switch (reason) {
      // Online: the DC refused the caller, or no DC could be asked.
      case UNAUTHORIZED, KEY_SOURCE_UNAVAILABLE -> UNAUTHORIZED;
      case UNKNOWN_ROOT_KEY -> ROOT_KEY_NOT_FOUND;
      case WRONG_ROOT_KEY, INVALID_KEY -> WRONG_ROOT_KEY;
      case TAG_MISMATCH, BAD_PAYLOAD -> DAMAGED;
      case TRUNCATED_BLOB, BAD_HEADER, MALFORMED_BLOB -> MALFORMED;
      case UNSUPPORTED_ALGORITHM, UNSUPPORTED_DESCRIPTOR -> UNSUPPORTED;
    };
  }
}
