package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.wire.LittleEndianWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.UUID;
import javax.crypto.KeyAgreement;

/**
 * MS-GKDI key derivation (package-private): the L0 → L1 → L2 seed-key tree, the group key pair
 * and the key-encryption key in nonce and public-key mode. Formulas and their pitfalls are in
 * {@code shared/reference/dpapi-ng.md} section 3.
 */
final class GkdiKeyDerivation {
  static final int SEED_KEY_LENGTH = 64;
  static final int KEK_LENGTH = 32;

  private GkdiKeyDerivation() {}

  /** Root key GUID (Windows layout) ‖ L0 ‖ L1 ‖ L2, signed 32-bit little-endian, −1 = unused. */
  static byte[] context(UUID root, int l0, int l1, int l2) {
    return new LittleEndianWriter().guid(root).i32(l0).i32(l1).i32(l2).toByteArray();
  }

  /**
   * The L2 seed key of node (l0, l1, l2) for a security descriptor. The descriptor enters only
   * the (L0, 31, −1) step; below that each key derives from the one above, index 31 downwards.
   */
  static byte[] l2SeedKey(KdsRootKey root, byte[] securityDescriptor, int l0, int l1, int l2) {
    KdfHash h = root.kdfHash();
    UUID id = root.id();
    byte[] key = step(h, l1SeedKey(root, securityDescriptor, l0, l1), context(id, l0, l1, 31));
    for (int n = 30; n >= l2; n--) {
      key = step(h, key, context(id, l0, l1, n));
    }
    return key;
  }

  /** The L1 seed key of (l0, l1): the descriptor enters at (l0, 31), then index 31 downwards. */
  static byte[] l1SeedKey(KdsRootKey root, byte[] securityDescriptor, int l0, int l1) {
    KdfHash h = root.kdfHash();
    UUID id = root.id();
    byte[] l0Seed = Kdf.sp800108(h, root.keyDataUnsafe(), context(id, l0, -1, -1), SEED_KEY_LENGTH);
    byte[] key = Kdf.sp800108(h, l0Seed,
        ByteArrays.concat(context(id, l0, 31, -1), securityDescriptor), SEED_KEY_LENGTH);
    ByteArrays.wipe(l0Seed);
    for (int n = 30; n >= l1; n--) {
      key = step(h, key, context(id, l0, n, -1));
    }
    return key;
  }

  /**
   * MS-GKDI 3.2.4.3, a client's walk: the L2 seed key of (l0, l1, l2) from an envelope of the
   * same L0 whose node is the same or newer. The envelope's L1 key is the L1 seed of (L0, L1)
   * when its L2 is 31 and of (L0, L1 - 1) otherwise; its L2 key is the L2 seed of its node.
   */
  static byte[] l2SeedFromEnvelope(KdfHash h, GroupKeyEnvelope e, int l0, int l1, int l2)
      throws LapsCryptoException {
    UUID id = e.rootKeyId();
    if (e.isPublicKeyOnly() || e.l0() != l0) {
      throw notCovered(e, l0, l1, l2);
    }
    byte[] l2Key = e.l2Key();
    if (l1 == e.l1() && l2 <= e.l2() && l2Key.length == SEED_KEY_LENGTH) {
      byte[] key = l2Key;
      for (int n = e.l2() - 1; n >= l2; n--) {
        key = step(h, key, context(id, l0, l1, n));
      }
      return key;
    }
    ByteArrays.wipe(l2Key);
    byte[] l1Key = e.l1Key();
    int l1KeyIndex = e.l2() == 31 ? e.l1() : e.l1() - 1;
    if (l1Key.length != SEED_KEY_LENGTH || l1 > l1KeyIndex) {
      ByteArrays.wipe(l1Key);
      throw notCovered(e, l0, l1, l2);
    }
    byte[] key = l1Key;
    for (int n = l1KeyIndex - 1; n >= l1; n--) {
      key = step(h, key, context(id, l0, n, -1));
    }
    key = step(h, key, context(id, l0, l1, 31));
    for (int n = 30; n >= l2; n--) {
      key = step(h, key, context(id, l0, l1, n));
    }
    return key;
  }

  private static LapsCryptoException notCovered(GroupKeyEnvelope e, int l0, int l1, int l2) {
    return new LapsCryptoException(
        Reason.INVALID_KEY,
        "group key envelope for (" + e.l0() + ", " + e.l1() + ", " + e.l2() + ") does not derive ("
            + l0 + ", " + l1 + ", " + l2 + ")");
  }

  /** The group private key for parameters taken from a root key or an envelope. */
  static byte[] groupPrivateKey(GroupKeyParameters p, byte[] l2Seed) {
    byte[] context = Bytes.utf16z(p.agreement().windowsName());
    return Kdf.sp800108(p.kdfHash(), l2Seed, context, (p.privateKeyLength() + 7) / 8);
  }

  private static byte[] step(KdfHash h, byte[] parent, byte[] context) {
    byte[] child = Kdf.sp800108(h, parent, context, SEED_KEY_LENGTH);
    ByteArrays.wipe(parent);
    return child;
  }

  /** The group private key, ⌈PrivateKeyLength/8⌉ bytes read as unsigned big-endian. */
  static byte[] groupPrivateKey(KdsRootKey root, byte[] l2Seed) {
    byte[] context = Bytes.utf16z(root.agreement().windowsName());
    return Kdf.sp800108(root.kdfHash(), l2Seed, context, (root.privateKeyLength() + 7) / 8);
  }

  /** g^x mod p or x·G: what {@code kds public-key} publishes for encryptors. */
  static PublicKeyBlob groupPublicKey(KdsRootKey root, byte[] groupPrivate) {
    return groupPublicKey(GroupKeyParameters.of(root), groupPrivate);
  }

  static PublicKeyBlob groupPublicKey(GroupKeyParameters root, byte[] groupPrivate) {
    BigInteger x = new BigInteger(1, groupPrivate);
    if (root.agreement() == SecretAgreement.DH) {
      DhParameters dh = root.dhParameters();
      return new FfcDhPublicKey(dh, dh.g().modPow(x, dh.p()));
    }
    EcMath curve = EcMath.of(root.agreement());
    ECPoint q = curve.multiplyGenerator(x.mod(curve.spec.getOrder()));
    return new EcdhPublicKey(root.agreement(), q.getAffineX(), q.getAffineY());
  }

  static byte[] kekFromNonce(KdfHash hash, byte[] l2Seed, byte[] nonce) {
    return Kdf.sp800108(hash, l2Seed, nonce, KEK_LENGTH);
  }

  /** Concat KDF of the shared secret, then SP 800-108 with context "KDS public key". */
  static byte[] kekFromSharedSecret(KdfHash hash, SecretAgreement agreement, byte[] z) {
    byte[] secret = Kdf.concat(agreement.concatHash(), z);
    try {
      return Kdf.sp800108(hash, secret, Kdf.KDS_PUBLIC_KEY, KEK_LENGTH);
    } finally {
      ByteArrays.wipe(secret);
    }
  }

  /** Z = y^x mod p, left-padded to the key length (a minimal encoding breaks 1 blob in 256). */
  static byte[] dhSharedSecret(DhParameters dh, BigInteger privateValue, BigInteger peer) {
    return Bytes.unsigned(peer.modPow(privateValue, dh.p()), dh.keyLength());
  }

  /** Z = X coordinate of x·Q, fixed field length (the JDK's ECDH output). */
  static byte[] ecdhSharedSecret(SecretAgreement agreement, PrivateKey mine, EcdhPublicKey peer)
      throws LapsCryptoException {
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(mine);
      ka.doPhase(ecPublicKey(peer), true);
      return ka.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new LapsCryptoException(
          Reason.INVALID_KEY, "ECDH agreement on " + agreement.curveName() + " failed", e);
    }
  }

  static PrivateKey ecPrivateKey(SecretAgreement agreement, byte[] scalar)
      throws LapsCryptoException {
    EcMath curve = EcMath.of(agreement);
    BigInteger s = new BigInteger(1, scalar).mod(curve.spec.getOrder());
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, curve.spec));
    } catch (GeneralSecurityException e) {
      throw new LapsCryptoException(Reason.INVALID_KEY, "derived EC private key is invalid", e);
    }
  }

  static PublicKey ecPublicKey(EcdhPublicKey key) throws LapsCryptoException {
    EcMath curve = EcMath.of(key.agreement());
    try {
      return KeyFactory.getInstance("EC")
          .generatePublic(new ECPublicKeySpec(new ECPoint(key.x(), key.y()), curve.spec));
    } catch (GeneralSecurityException e) {
      throw new LapsCryptoException(Reason.INVALID_KEY, "EC public key is invalid", e);
    }
  }
}
