package io.lapsbridge.cli;

import io.lapsbridge.crypto.LapsCryptoException;

/**
 * The DecryptionStatus column of {@code get-password}: Get-LapsADPassword's {@code
 * NotApplicable}, {@code Success} and {@code Unauthorized}, plus one value per reason an offline
 * decryption can fail, so that a damaged value is told apart from a missing key.
 */
enum DecryptionStatus {
  NOT_APPLICABLE("NotApplicable"),
  SUCCESS("Success"),
  /** No root key is available to this run: no privileged bind and no --kds-key-file. */
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

  String displayName() {
    return displayName;
  }

  static DecryptionStatus of(LapsCryptoException.Reason reason) {
    return switch (reason) {
      case UNKNOWN_ROOT_KEY -> ROOT_KEY_NOT_FOUND;
      case WRONG_ROOT_KEY, INVALID_KEY -> WRONG_ROOT_KEY;
      case TAG_MISMATCH, BAD_PAYLOAD -> DAMAGED;
      case TRUNCATED_BLOB, BAD_HEADER, MALFORMED_BLOB -> MALFORMED;
      case UNSUPPORTED_ALGORITHM, UNSUPPORTED_DESCRIPTOR -> UNSUPPORTED;
      // Online: the DC refused the caller, or no DC could be asked.
      case NOT_AUTHORIZED, KEY_SOURCE_UNAVAILABLE -> UNAUTHORIZED;
    };
  }
}
