package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.util.Arrays;
import java.util.UUID;

/**
 * An MS-GKDI Group Key Envelope (2.2.4), what {@code GetKey} returns. lapsbridge also uses it,
 * with {@link #FLAG_PUBLIC_KEY_ONLY} set and no L1 key, as the file format of a published group
 * public key: it is not secret, and it is what an unprivileged Windows caller receives.
 *
 * <p>Layout (little-endian): version 1, magic {@code KDSK}, flags, L0, L1, L2, root key GUID, the
 * lengths of KDF algorithm, KDF parameters, secret agreement algorithm, secret agreement
 * parameters, private and public key lengths (bits), lengths of L1 key, L2 key, domain, forest;
 * then KDF algorithm (UTF-16Z), KDF parameters, secret agreement algorithm (UTF-16Z), its
 * parameters, domain, forest (UTF-16Z), L1 key, L2 key.
 *
 * @param l1Key a 64-byte L1 seed key, or empty (copied; never printed)
 * @param l2Key the 64-byte L2 seed key, or with {@link #FLAG_PUBLIC_KEY_ONLY} the group public key
 *     blob (copied; never printed)
 */
// Byte arrays on purpose (key material and encodings, wiped where secret): equals, hashCode and
// toString are overridden for them, so no array is compared by reference or printed.
@SuppressWarnings("ArrayRecordComponent")
public record GroupKeyEnvelope(
    int flags,
    int l0,
    int l1,
    int l2,
    UUID rootKeyId,
    String kdfAlgorithm,
    byte[] kdfParameters,
    String secretAgreementAlgorithm,
    byte[] secretAgreementParameters,
    int privateKeyLength,
    int publicKeyLength,
    String domainName,
    String forestName,
    byte[] l1Key,
    byte[] l2Key) {
  /** The L2 key field holds the group public key, not a seed key. */
  public static final int FLAG_PUBLIC_KEY_ONLY = 0x1;

  /** Set by Windows on the seed-key envelopes it returns (the vector's flags are 2). */
  public static final int FLAG_WINDOWS = 0x2;

  public GroupKeyEnvelope {
    if (rootKeyId == null
        || kdfAlgorithm == null
        || kdfParameters == null
        || secretAgreementAlgorithm == null
        || secretAgreementParameters == null
        || domainName == null
        || forestName == null
        || l1Key == null
        || l2Key == null) {
      throw new IllegalArgumentException("group key envelope fields must not be null");
    }
    if (l0 < 0 || l1 < 0 || l1 > 31 || l2 < 0 || l2 > 31) {
      throw new IllegalArgumentException("group key envelope indexes out of range");
    }
    kdfParameters = kdfParameters.clone();
    secretAgreementParameters = secretAgreementParameters.clone();
    l1Key = l1Key.clone();
    l2Key = l2Key.clone();
  }

  @Override
  public byte[] kdfParameters() {
    return kdfParameters.clone();
  }

  @Override
  public byte[] secretAgreementParameters() {
    return secretAgreementParameters.clone();
  }

  @Override
  public byte[] l1Key() {
    return l1Key.clone();
  }

  @Override
  public byte[] l2Key() {
    return l2Key.clone();
  }

  public boolean isPublicKeyOnly() {
    return (flags & FLAG_PUBLIC_KEY_ONLY) != 0;
  }

  /**
   * Whether this envelope's seed keys derive {@code node}: same L0, and the node is this one or
   * older within the reach of the L1 and L2 keys present (MS-GKDI 3.2.4.1).
   */
  public boolean covers(GkdiInterval node) {
    if (isPublicKeyOnly() || node.l0() != l0) {
      return false;
    }
    if (node.l1() == l1 && node.l2() <= l2 && l2Key.length == GkdiKeyDerivation.SEED_KEY_LENGTH) {
      return true;
    }
    int l1KeyIndex = l2 == 31 ? l1 : l1 - 1;
    return l1Key.length == GkdiKeyDerivation.SEED_KEY_LENGTH && node.l1() <= l1KeyIndex;
  }

  /**
   * The group key of {@code node}, derived down from this envelope's seed keys as a client does
   * with a DC's answer (MS-GKDI 3.2.4.3). The caller wipes it.
   *
   * @throws LapsCryptoException {@link Reason#INVALID_KEY} when the envelope does not {@linkplain
   *     #covers cover} the node, or the reasons of an unsupported algorithm
   */
  public GroupKey deriveGroupKey(GkdiInterval node) throws LapsCryptoException {
    GroupKeyParameters p = GroupKeyParameters.of(this);
    byte[] seed =
        GkdiKeyDerivation.l2SeedFromEnvelope(p.kdfHash(), this, node.l0(), node.l1(), node.l2());
    return new GroupKey(
        p.kdfHash(), p.agreement(), p.dhParameters(), seed,
        GkdiKeyDerivation.groupPrivateKey(p, seed));
  }

  /**
   * What a DC's GKDI service returns to an authorized caller for {@code node} (MS-GKDI 3.1.4.1):
   * the L1 key (of (L0, L1) when L2 is 31, else of (L0, L1 - 1), absent when L1 is 0 and L2 is
   * not 31) and the L2 seed key of the node, or with {@code l1Only} (a past L0, node (L0, 31,
   * 31)) the L1 key alone. Needs the root key: for the stand-in server and tests.
   */
  public static GroupKeyEnvelope issue(
      KdsRootKey root, byte[] securityDescriptor, GkdiInterval node, boolean l1Only,
      String domainName, String forestName) {
    int l0 = node.l0();
    int l1 = node.l1();
    int l2 = node.l2();
    byte[] l1Key = new byte[0];
    if (l2 == 31) {
      l1Key = GkdiKeyDerivation.l1SeedKey(root, securityDescriptor, l0, l1);
    } else if (l1 > 0) {
      l1Key = GkdiKeyDerivation.l1SeedKey(root, securityDescriptor, l0, l1 - 1);
    }
    byte[] l2Key =
        l1Only ? new byte[0] : GkdiKeyDerivation.l2SeedKey(root, securityDescriptor, l0, l1, l2);
    try {
      return new GroupKeyEnvelope(
          FLAG_WINDOWS, l0, l1, l2, root.id(), KdsRootKey.KDF_ALGORITHM,
          root.kdfHash().kdfParameters(), root.agreement().windowsName(), agreementParameters(root),
          root.privateKeyLength(), root.publicKeyLength(), domainName, forestName, l1Key, l2Key);
    } finally {
      ByteArrays.wipe(l1Key, l2Key);
    }
  }

  /** What a DC returns to a caller granted only 0x2 for L0 = L1 = L2 = -1: the public key. */
  public static GroupKeyEnvelope issuePublicKey(
      KdsRootKey root, byte[] securityDescriptor, GkdiInterval node, String domainName,
      String forestName) {
    byte[] seed =
        GkdiKeyDerivation.l2SeedKey(root, securityDescriptor, node.l0(), node.l1(), node.l2());
    byte[] x = GkdiKeyDerivation.groupPrivateKey(root, seed);
    try {
      PublicKeyBlob pub = GkdiKeyDerivation.groupPublicKey(root, x);
      return new GroupKeyEnvelope(
          FLAG_PUBLIC_KEY_ONLY, node.l0(), node.l1(), node.l2(), root.id(),
          KdsRootKey.KDF_ALGORITHM, root.kdfHash().kdfParameters(),
          root.agreement().windowsName(), agreementParameters(root), root.privateKeyLength(),
          root.publicKeyLength(), domainName, forestName, new byte[0], pub.encode());
    } finally {
      ByteArrays.wipe(seed, x);
    }
  }

  private static byte[] agreementParameters(KdsRootKey root) {
    return root.dhParameters() == null ? new byte[0] : root.dhParameters().encode();
  }

  public static GroupKeyEnvelope parse(byte[] bytes) throws LapsCryptoException {
    try {
      return read(LittleEndianReader.of(bytes));
    } catch (BinaryFormatException e) {
      throw Bytes.malformed("group key envelope", e);
    }
  }

  private static GroupKeyEnvelope read(LittleEndianReader r)
      throws LapsCryptoException, BinaryFormatException {
    if (r.u32() != 1) {
      throw new LapsCryptoException(
          Reason.UNSUPPORTED_ALGORITHM, "group key envelope version is not 1");
    }
    if (r.u32() != GkdiKeyIdentifier.MAGIC) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "group key envelope lacks magic KDSK");
    }
    long flags = r.u32();
    long l0 = r.u32();
    long l1 = r.u32();
    long l2 = r.u32();
    UUID root = r.guid();
    long[] len = new long[6];
    for (int i = 0; i < 4; i++) {
      len[i] = r.u32();
    }
    long privateBits = r.u32();
    long publicBits = r.u32();
    long cbL1 = r.u32();
    long cbL2 = r.u32();
    long cbDomain = r.u32();
    long cbForest = r.u32();
    long total = len[0] + len[1] + len[2] + len[3] + cbL1 + cbL2 + cbDomain + cbForest;
    if (total != r.remaining()) {
      throw new LapsCryptoException(
          total > r.remaining() ? Reason.TRUNCATED_BLOB : Reason.MALFORMED_BLOB,
          "group key envelope lengths total " + total + " but " + r.remaining() + " bytes follow");
    }
    if (l0 > Integer.MAX_VALUE || l1 > 31 || l2 > 31 || privateBits > 1 << 16
        || publicBits > 1 << 16) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "group key envelope field out of range");
    }
    String kdf = Bytes.fromUtf16z(r.bytes((int) len[0], "KDF algorithm"), "KDF algorithm");
    byte[] kdfParams = r.bytes((int) len[1], "KDF parameters");
    String agreement =
        Bytes.fromUtf16z(r.bytes((int) len[2], "secret agreement"), "secret agreement algorithm");
    byte[] agreementParams = r.bytes((int) len[3], "secret agreement parameters");
    String domain = Bytes.fromUtf16z(r.bytes((int) cbDomain, "domain name"), "domain name");
    String forest = Bytes.fromUtf16z(r.bytes((int) cbForest, "forest name"), "forest name");
    byte[] k1 = r.bytes((int) cbL1, "L1 key");
    byte[] k2 = r.bytes((int) cbL2, "L2 key");
    return new GroupKeyEnvelope(
        (int) flags, (int) l0, (int) l1, (int) l2, root, kdf, kdfParams, agreement,
        agreementParams, (int) privateBits, (int) publicBits, domain, forest, k1, k2);
  }

  public byte[] encode() {
    byte[] kdf = Bytes.utf16z(kdfAlgorithm);
    byte[] agreement = Bytes.utf16z(secretAgreementAlgorithm);
    byte[] domain = Bytes.utf16z(domainName);
    byte[] forest = Bytes.utf16z(forestName);
    return new LittleEndianWriter()
        .u32(1)
        .u32(GkdiKeyIdentifier.MAGIC)
        .u32(flags & 0xFFFF_FFFFL)
        .u32(l0)
        .u32(l1)
        .u32(l2)
        .guid(rootKeyId)
        .u32(kdf.length)
        .u32(kdfParameters.length)
        .u32(agreement.length)
        .u32(secretAgreementParameters.length)
        .u32(privateKeyLength)
        .u32(publicKeyLength)
        .u32(l1Key.length)
        .u32(l2Key.length)
        .u32(domain.length)
        .u32(forest.length)
        .bytes(kdf)
        .bytes(kdfParameters)
        .bytes(agreement)
        .bytes(secretAgreementParameters)
        .bytes(domain)
        .bytes(forest)
        .bytes(l1Key)
        .bytes(l2Key)
        .toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKeyEnvelope e && Arrays.equals(encode(), e.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  /** Key fields are never printed: with seed keys this envelope decrypts passwords. */
  @Override
  public String toString() {
    return "GroupKeyEnvelope[root=" + rootKeyId + ", L0=" + l0 + ", L1=" + l1 + ", L2=" + l2
        + ", flags=" + flags + ", " + secretAgreementAlgorithm + ", domain=" + domainName + "]";
  }
}
