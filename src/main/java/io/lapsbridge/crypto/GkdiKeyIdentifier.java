package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.util.UUID;

/**
 * The MS-GKDI key identifier carried in the CMS {@code KEKIdentifier.keyIdentifier}: which root
 * key and tree node (L0, L1, L2) protect the blob, plus either a 32-byte nonce or the encryptor's
 * ephemeral public key.
 *
 * <p>Layout (little-endian): version 1, magic {@code KDSK}, flags, L0, L1, L2, root key GUID,
 * cbKeyInfo, cbDomainName, cbForestName, key info, domain UTF-16Z, forest UTF-16Z.
 *
 * @param flags bit 0x1: key info is a public key; bit 0x2: set by Windows on every blob
 * @param keyInfo the nonce or the public key blob (copied on the way in and out)
 */
// Byte arrays on purpose (key material and encodings, wiped where secret): equals, hashCode and
// toString are overridden for them, so no array is compared by reference or printed.
@SuppressWarnings("ArrayRecordComponent")
public record GkdiKeyIdentifier(
    int flags,
    int l0,
    int l1,
    int l2,
    UUID rootKeyId,
    byte[] keyInfo,
    String domainName,
    String forestName) {
  static final long VERSION = 1;
  static final long MAGIC = 0x4B53444BL; // "KDSK"
  public static final int FLAG_PUBLIC_KEY = 0x1;
  public static final int FLAG_WINDOWS = 0x2;
  static final int NONCE_LENGTH = 32;

  public GkdiKeyIdentifier {
    if (l0 < 0 || l1 < 0 || l1 > 31 || l2 < 0 || l2 > 31) {
      throw new IllegalArgumentException("key identifier indexes out of range");
    }
    if (rootKeyId == null || keyInfo == null || domainName == null || forestName == null) {
      throw new IllegalArgumentException("key identifier fields must not be null");
    }
    keyInfo = keyInfo.clone();
  }

  /** True when the key info is the encryptor's public key rather than a nonce. */
  public boolean isPublicKeyMode() {
    return (flags & FLAG_PUBLIC_KEY) != 0;
  }

  @Override
  public byte[] keyInfo() {
    return keyInfo.clone();
  }

  /** The ephemeral public key; only in public-key mode. */
  public PublicKeyBlob publicKey() throws LapsCryptoException {
    if (!isPublicKeyMode()) {
      throw new IllegalStateException("key identifier is in nonce mode");
    }
    return PublicKeyBlob.parse(keyInfo);
  }

  public static GkdiKeyIdentifier parse(byte[] bytes) throws LapsCryptoException {
    try {
      return read(LittleEndianReader.of(bytes));
    } catch (BinaryFormatException e) {
      throw Bytes.malformed("GKDI key identifier", e);
    }
  }

  private static GkdiKeyIdentifier read(LittleEndianReader r)
      throws LapsCryptoException, BinaryFormatException {
    if (r.u32() != VERSION) {
      throw new LapsCryptoException(
          Reason.UNSUPPORTED_ALGORITHM, "GKDI key identifier version is not 1");
    }
    if (r.u32() != MAGIC) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "GKDI key identifier lacks magic KDSK");
    }
    long flags = r.u32();
    long l0 = r.u32();
    long l1 = r.u32();
    long l2 = r.u32();
    UUID root = r.guid();
    long cbKeyInfo = r.u32();
    long cbDomain = r.u32();
    long cbForest = r.u32();
    if (cbKeyInfo + cbDomain + cbForest != r.remaining()) {
      throw new LapsCryptoException(
          cbKeyInfo + cbDomain + cbForest > r.remaining()
              ? Reason.TRUNCATED_BLOB
              : Reason.MALFORMED_BLOB,
          "GKDI key identifier lengths (" + cbKeyInfo + "+" + cbDomain + "+" + cbForest
              + ") do not match its " + r.remaining() + " variable bytes");
    }
    if (l0 > Integer.MAX_VALUE || l1 > 31 || l2 > 31) {
      throw new LapsCryptoException(
          Reason.MALFORMED_BLOB, "GKDI key identifier has index out of range");
    }
    byte[] keyInfo = r.bytes((int) cbKeyInfo, "key info");
    String domain = Bytes.fromUtf16z(r.bytes((int) cbDomain, "domain name"), "domain name");
    String forest = Bytes.fromUtf16z(r.bytes((int) cbForest, "forest name"), "forest name");
    if ((flags & FLAG_PUBLIC_KEY) == 0 && keyInfo.length != NONCE_LENGTH) {
      throw new LapsCryptoException(
          Reason.MALFORMED_BLOB, "GKDI nonce is " + keyInfo.length + " bytes, not 32");
    }
    return new GkdiKeyIdentifier(
        (int) flags, (int) l0, (int) l1, (int) l2, root, keyInfo, domain, forest);
  }

  public byte[] encode() {
    byte[] domain = Bytes.utf16z(domainName);
    byte[] forest = Bytes.utf16z(forestName);
    return new LittleEndianWriter()
        .u32(VERSION)
        .u32(MAGIC)
        .u32(flags & 0xFFFF_FFFFL)
        .u32(l0)
        .u32(l1)
        .u32(l2)
        .guid(rootKeyId)
        .u32(keyInfo.length)
        .u32(domain.length)
        .u32(forest.length)
        .bytes(keyInfo)
        .bytes(domain)
        .bytes(forest)
        .toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GkdiKeyIdentifier k && java.util.Arrays.equals(encode(), k.encode());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "GkdiKeyIdentifier[root=" + rootKeyId + ", L0=" + l0 + ", L1=" + l1 + ", L2=" + l2
        + ", " + (isPublicKeyMode() ? "public key" : "nonce") + ", domain=" + domainName
        + ", forest=" + forestName + "]";
  }
}
