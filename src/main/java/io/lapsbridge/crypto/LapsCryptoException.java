package io.lapsbridge.crypto;

/**
 * A DPAPI-NG value could not be parsed, decrypted or produced. {@link #reason()} says why in a
 * form a caller can act on (for example show "wrong root key" next to one history entry and keep
 * printing the others). Messages name offsets, lengths and identifiers, never plaintext or key
 * bytes.
 */
public final class LapsCryptoException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an operation failed. */
  public enum Reason {
    /** The value ends before a length or structure says it should. */
    TRUNCATED_BLOB,
    /** The 16-byte LAPS header is inconsistent (size, reserved flags, timestamp). */
    BAD_HEADER,
    /** The CMS structure or an MS-GKDI structure inside it is malformed. */
    MALFORMED_BLOB,
    /** A well-formed blob uses an algorithm or structure version this implementation lacks. */
    UNSUPPORTED_ALGORITHM,
    /** The protection descriptor is not a single {@code SID=...} principal. */
    UNSUPPORTED_DESCRIPTOR,
    /** The key source refused the caller: not an authorized decryptor of the descriptor. */
    UNAUTHORIZED,
    /** No root key with the blob's root key id is available. */
    UNKNOWN_ROOT_KEY,
    /** The derived key-encryption key does not unwrap the content key: a different root key. */
    WRONG_ROOT_KEY,
    /** AES-GCM authentication failed: ciphertext, nonce or tag damaged. */
    TAG_MISMATCH,
    /** Decryption succeeded but the plaintext is not the expected LAPS JSON payload. */
    BAD_PAYLOAD,
    /** A key, key blob or parameter handed in by the caller is invalid. */
    INVALID_KEY,
    /**
     * No key source could be asked: no domain controller answered on RPC, or authentication to
     * it failed. Shown as {@code Unauthorized}; a caller may fall back to root keys.
     */
    KEY_SOURCE_UNAVAILABLE
  }

  private final Reason reason;

  public LapsCryptoException(Reason reason, String message) {
    super(message);
    this.reason = requireReason(reason);
  }

  public LapsCryptoException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireReason(reason);
  }

  private static Reason requireReason(Reason reason) {
    if (reason == null) {
      throw new IllegalArgumentException("reason must not be null");
    }
    return reason;
  }

  public Reason reason() {
    return reason;
  }
}
