package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * A KDS root key ({@code msKds-ProvRootKey}), the forest secret every DPAPI-NG key derives from.
 * The directory layer or a key file fills it with {@link #fromAttributes}. The key data never
 * prints; {@link #toString()} shows metadata only.
 *
 * @param id the root key GUID ({@code cn})
 * @param version {@code msKds-Version}; only 1 is defined
 * @param kdfHash from {@code msKds-KDFParam}
 * @param agreement {@code msKds-SecretAgreementAlgorithmID}
 * @param dhParameters {@code msKds-SecretAgreementParam} for DH, null for ECDH
 * @param privateKeyLength {@code msKds-PrivateKeyLength}, in bits
 * @param publicKeyLength {@code msKds-PublicKeyLength}, in bits
 * @param createTime {@code msKds-CreateTime}, or null if unknown
 * @param useStartTime {@code msKds-UseStartTime}, or null if unknown
 */
// Byte arrays on purpose (key material and encodings, wiped where secret): equals, hashCode and
// toString are overridden for them, so no array is compared by reference or printed.
@SuppressWarnings("ArrayRecordComponent")
public record KdsRootKey(
    UUID id,
    int version,
    byte[] keyData,
    KdfHash kdfHash,
    SecretAgreement agreement,
    DhParameters dhParameters,
    int privateKeyLength,
    int publicKeyLength,
    FileTime createTime,
    FileTime useStartTime) {
  /** The only defined KDF, {@code msKds-KDFAlgorithmID}. */
  public static final String KDF_ALGORITHM = "SP800_108_CTR_HMAC";

  public KdsRootKey {
    if (id == null || keyData == null || kdfHash == null || agreement == null) {
      throw new IllegalArgumentException("root key id, data, KDF hash and agreement are required");
    }
    if (version != 1) {
      throw new IllegalArgumentException("root key version " + version + " is not 1");
    }
    if (keyData.length == 0) {
      throw new IllegalArgumentException("root key data is empty");
    }
    if ((agreement == SecretAgreement.DH) != (dhParameters != null)) {
      throw new IllegalArgumentException("DH parameters must be given exactly for a DH root key");
    }
    int expectedPrivate = agreement == SecretAgreement.DH ? -1 : agreement.coordinateLength() * 8;
    if (privateKeyLength <= 0 || privateKeyLength > 8 * 1024
        || (expectedPrivate > 0 && privateKeyLength != expectedPrivate)) {
      throw new IllegalArgumentException("private key length " + privateKeyLength + " is invalid");
    }
    if (publicKeyLength <= 0) {
      throw new IllegalArgumentException("public key length must be positive");
    }
    keyData = keyData.clone();
  }

  /**
   * Builds a root key from its directory attributes, validating each.
   *
   * @param kdfParameters {@code msKds-KDFParam}; when null, SHA-256 is assumed as Samba's GKDI
   *     server does (Windows always writes the parameter)
   * @param secretAgreementParameters {@code msKds-SecretAgreementParam}; required for DH
   */
  public static KdsRootKey fromAttributes(
      UUID id,
      int version,
      byte[] rootKeyData,
      String kdfAlgorithmId,
      byte[] kdfParameters,
      String secretAgreementAlgorithmId,
      byte[] secretAgreementParameters,
      int privateKeyLength,
      int publicKeyLength,
      FileTime createTime,
      FileTime useStartTime)
      throws LapsCryptoException {
    if (!KDF_ALGORITHM.equals(kdfAlgorithmId)) {
      throw new LapsCryptoException(
          Reason.UNSUPPORTED_ALGORITHM, "root key " + id + " uses KDF '" + kdfAlgorithmId + "'");
    }
    KdfHash hash =
        kdfParameters == null || kdfParameters.length == 0
            ? KdfHash.SHA256
            : KdfHash.fromKdfParameters(kdfParameters);
    SecretAgreement agreement = SecretAgreement.ofWindowsName(secretAgreementAlgorithmId);
    DhParameters dh =
        agreement == SecretAgreement.DH
            ? DhParameters.parse(
                secretAgreementParameters == null ? new byte[0] : secretAgreementParameters)
            : null;
    try {
      return new KdsRootKey(
          id, version, rootKeyData, hash, agreement, dh, privateKeyLength, publicKeyLength,
          createTime, useStartTime);
    } catch (IllegalArgumentException e) {
      throw new LapsCryptoException(Reason.INVALID_KEY, "root key " + id + ": " + e.getMessage());
    }
  }

  /** A copy of the 64-byte root key data; wipe it after use. */
  @Override
  public byte[] keyData() {
    return keyData.clone();
  }

  /** Used internally without a copy; callers must not modify it. */
  byte[] keyDataUnsafe() {
    return keyData;
  }

  /**
   * SHA-256 of the key data: tells two keys with the same id apart (a wrong or re-imported key)
   * without keeping or showing the data itself.
   */
  String fingerprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(keyData);
      return java.util.HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KdsRootKey k
        && id.equals(k.id)
        && MessageDigest.isEqual(keyData, k.keyData)
        && kdfHash == k.kdfHash
        && agreement == k.agreement
        && java.util.Objects.equals(dhParameters, k.dhParameters)
        && privateKeyLength == k.privateKeyLength
        && publicKeyLength == k.publicKeyLength;
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** Metadata only; the key data never prints. */
  @Override
  public String toString() {
    return "KdsRootKey[id=" + id + ", " + kdfHash.windowsName() + ", " + agreement.windowsName()
        + ", private=" + privateKeyLength + " bits, public=" + publicKeyLength + " bits]";
  }

  /** Wipes the key data held by this instance. */
  public void wipe() {
    Arrays.fill(keyData, (byte) 0);
  }
}
