package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import java.util.UUID;

/**
 * Everything an encryptor needs, and nothing secret: the group public key of one root key, one
 * interval and one protection descriptor, plus the root key's public parameters. {@code
 * lapsbridge kds public-key} derives it once with the root key ({@link #derive}); devices and
 * migration then encrypt with {@link LapsEncryptor} without any secret material.
 *
 * <p>Its file form is an MS-GKDI Group Key Envelope with the public-key-only flag ({@link
 * #toEnvelope()}); the descriptor travels next to it because the envelope has no field for it.
 */
public record GroupPublicKey(
    UUID rootKeyId,
    GkdiInterval interval,
    SidProtectionDescriptor descriptor,
    KdfHash kdfHash,
    PublicKeyBlob publicKey,
    int privateKeyLength,
    int publicKeyLength,
    String domainName,
    String forestName) {

  public GroupPublicKey {
    if (rootKeyId == null || interval == null || descriptor == null || kdfHash == null
        || publicKey == null || domainName == null || forestName == null) {
      throw new IllegalArgumentException("group public key fields must not be null");
    }
    if (privateKeyLength <= 0 || privateKeyLength > 8 * 1024 || publicKeyLength <= 0) {
      throw new IllegalArgumentException("key lengths must be positive");
    }
  }

  /** The group's secret agreement, from the key blob. */
  public SecretAgreement agreement() {
    return publicKey.agreement();
  }

  /**
   * Derives the group public key from a root key: a privileged operation, since it needs the root
   * key data. Domain and forest are the DNS names Windows puts into every key identifier.
   */
  public static GroupPublicKey derive(
      KdsRootKey root,
      SidProtectionDescriptor descriptor,
      GkdiInterval interval,
      String domainName,
      String forestName) {
    byte[] seed =
        GkdiKeyDerivation.l2SeedKey(
            root, descriptor.securityDescriptor(), interval.l0(), interval.l1(), interval.l2());
    byte[] x = GkdiKeyDerivation.groupPrivateKey(root, seed);
    try {
      PublicKeyBlob pub = GkdiKeyDerivation.groupPublicKey(root, x);
      return new GroupPublicKey(
          root.id(), interval, descriptor, root.kdfHash(), pub, root.privateKeyLength(),
          root.publicKeyLength(), domainName, forestName);
    } finally {
      ByteArrays.wipe(seed, x);
    }
  }

  /** The Group Key Envelope form: public-key-only flag, no L1 key, the public key as L2 key. */
  public GroupKeyEnvelope toEnvelope() {
    byte[] agreementParams =
        publicKey instanceof FfcDhPublicKey dh ? dh.parameters().encode() : new byte[0];
    return new GroupKeyEnvelope(
        GroupKeyEnvelope.FLAG_PUBLIC_KEY_ONLY, interval.l0(), interval.l1(), interval.l2(),
        rootKeyId, KdsRootKey.KDF_ALGORITHM, kdfHash.kdfParameters(),
        publicKey.agreement().windowsName(), agreementParams, privateKeyLength, publicKeyLength,
        domainName, forestName, new byte[0], publicKey.encode());
  }

  /**
   * The group public key of a seed-key envelope's own node: what a DC's answer to an authorized
   * decryptor's L0 = L1 = L2 = -1 request yields, derived as the DC would (MS-GKDI 3.2.4.3).
   */
  public static GroupPublicKey fromSeedEnvelope(
      GroupKeyEnvelope envelope, SidProtectionDescriptor descriptor) throws LapsCryptoException {
    GroupKeyParameters p = GroupKeyParameters.of(envelope);
    byte[] seed =
        GkdiKeyDerivation.l2SeedFromEnvelope(
            p.kdfHash(), envelope, envelope.l0(), envelope.l1(), envelope.l2());
    byte[] x = GkdiKeyDerivation.groupPrivateKey(p, seed);
    try {
      return new GroupPublicKey(
          envelope.rootKeyId(), new GkdiInterval(envelope.l0(), envelope.l1(), envelope.l2()),
          descriptor, p.kdfHash(), GkdiKeyDerivation.groupPublicKey(p, x),
          envelope.privateKeyLength(), envelope.publicKeyLength(), envelope.domainName(),
          envelope.forestName());
    } finally {
      ByteArrays.wipe(seed, x);
    }
  }

  /** Reads a public-key-only envelope (the {@code kds public-key} file) for a descriptor. */
  public static GroupPublicKey fromEnvelope(
      GroupKeyEnvelope envelope, SidProtectionDescriptor descriptor) throws LapsCryptoException {
    // Flag 0x1 marks a public-key envelope, but dpapi-ng's cached form leaves it 0; what counts
    // is that no L1 seed key is present and the L2 field holds a key blob (checked below).
    if (envelope.l1Key().length != 0 || envelope.l2Key().length < 4
        || !hasPublicKeyMagic(envelope.l2Key())) {
      throw new LapsCryptoException(
          Reason.INVALID_KEY, "group key envelope carries seed keys, not a group public key");
    }
    if (!KdsRootKey.KDF_ALGORITHM.equals(envelope.kdfAlgorithm())) {
      throw new LapsCryptoException(
          Reason.UNSUPPORTED_ALGORITHM, "envelope KDF '" + envelope.kdfAlgorithm() + "'");
    }
    KdfHash hash = KdfHash.fromKdfParameters(envelope.kdfParameters());
    SecretAgreement agreement = SecretAgreement.ofWindowsName(envelope.secretAgreementAlgorithm());
    PublicKeyBlob pub = PublicKeyBlob.parse(envelope.l2Key());
    if (pub.agreement() != agreement) {
      throw new LapsCryptoException(
          Reason.INVALID_KEY, "envelope names " + agreement + " but holds a " + pub.agreement()
              + " key");
    }
    try {
      return new GroupPublicKey(
          envelope.rootKeyId(),
          new GkdiInterval(envelope.l0(), envelope.l1(), envelope.l2()),
          descriptor, hash, pub, envelope.privateKeyLength(), envelope.publicKeyLength(),
          envelope.domainName(), envelope.forestName());
    } catch (IllegalArgumentException e) {
      throw new LapsCryptoException(Reason.INVALID_KEY, "group public key: " + e.getMessage());
    }
  }

  private static boolean hasPublicKeyMagic(byte[] blob) {
    long magic;
    try {
      magic = LittleEndianReader.of(blob).u32("key blob magic");
    } catch (BinaryFormatException e) {
      return false;
    }
    return magic == FfcDhPublicKey.MAGIC
        || magic == EcdhPublicKey.MAGIC_P256
        || magic == EcdhPublicKey.MAGIC_P384
        || magic == EcdhPublicKey.MAGIC_P521;
  }
}
