package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;

/**
 * The secret agreement of a KDS root key ({@code msKds-SecretAgreementAlgorithmID}).
 *
 * <p>{@code ECDH_P521} is deliberately absent: no Windows-made vector exists, and how Windows
 * reduces a 66-byte derived private value is unknown, so supporting it would be a guess.
 */
public enum SecretAgreement {
  DH("DH", null, 0, "SHA-256"),
  ECDH_P256("ECDH_P256", "secp256r1", 32, "SHA-256"),
  ECDH_P384("ECDH_P384", "secp384r1", 48, "SHA-384");

  private final String windowsName;
  private final String curve;
  private final int coordinateLength;
  private final String concatHash;

  SecretAgreement(String windowsName, String curve, int coordinateLength, String concatHash) {
    this.windowsName = windowsName;
    this.curve = curve;
    this.coordinateLength = coordinateLength;
    this.concatHash = concatHash;
  }

  /** The name as stored in the directory and hashed into the private key, e.g. {@code DH}. */
  public String windowsName() {
    return windowsName;
  }

  boolean isEc() {
    return curve != null;
  }

  /** JDK standard curve name; null for DH. */
  String curveName() {
    return curve;
  }

  int coordinateLength() {
    return coordinateLength;
  }

  /**
   * The hash of the SP 800-56A concatenation KDF. It follows the group, not the root key's KDF
   * hash (a SHA-256 P-384 vector fails with SHA-256 here).
   */
  String concatHash() {
    return concatHash;
  }

  public static SecretAgreement ofWindowsName(String name) throws LapsCryptoException {
    for (SecretAgreement a : values()) {
      if (a.windowsName.equals(name)) {
        return a;
      }
    }
    throw new LapsCryptoException(
        Reason.UNSUPPORTED_ALGORITHM, "unsupported secret agreement '" + name + "'");
  }
}
