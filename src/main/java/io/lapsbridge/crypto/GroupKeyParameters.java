package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.util.UUID;

/**
 * What turns an L2 seed key into a key-encryption key: the root key's KDF hash, secret
 * agreement and private key length. Comes from a root key (offline) or from a Group Key
 * Envelope (online), so the decryptor works the same either way. Package-private.
 */
record GroupKeyParameters(
    UUID rootKeyId,
    KdfHash kdfHash,
    SecretAgreement agreement,
    DhParameters dhParameters,
    int privateKeyLength) {

  static GroupKeyParameters of(KdsRootKey root) {
    return new GroupKeyParameters(
        root.id(), root.kdfHash(), root.agreement(), root.dhParameters(), root.privateKeyLength());
  }

  static GroupKeyParameters of(GroupKeyEnvelope e) throws LapsCryptoException {
    if (!KdsRootKey.KDF_ALGORITHM.equals(e.kdfAlgorithm())) {
      throw new LapsCryptoException(
          Reason.UNSUPPORTED_ALGORITHM, "envelope KDF '" + e.kdfAlgorithm() + "'");
    }
    SecretAgreement agreement = SecretAgreement.ofWindowsName(e.secretAgreementAlgorithm());
    DhParameters dh =
        agreement == SecretAgreement.DH ? DhParameters.parse(e.secretAgreementParameters()) : null;
    int bits = e.privateKeyLength();
    if (bits <= 0 || bits > 8 * 1024) {
      throw new LapsCryptoException(Reason.INVALID_KEY, "envelope private key length " + bits);
    }
    return new GroupKeyParameters(
        e.rootKeyId(), KdfHash.fromKdfParameters(e.kdfParameters()), agreement, dh, bits);
  }
}
