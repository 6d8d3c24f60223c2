package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.math.BigInteger;

/**
 * ECDH public key (MS-GKDI 2.2.3.2): magic {@code ECK1} (P-256) or {@code ECK3} (P-384), uint32
 * coordinate length, then X and Y big-endian. The point is checked to lie on the curve.
 */
public record EcdhPublicKey(SecretAgreement agreement, BigInteger x, BigInteger y)
    implements PublicKeyBlob {
  static final long MAGIC_P256 = 0x314B4345L; // "ECK1"
  static final long MAGIC_P384 = 0x334B4345L; // "ECK3"
  static final long MAGIC_P521 = 0x354B4345L; // "ECK5"

  public EcdhPublicKey {
    if (agreement == null || !agreement.isEc() || x == null || y == null) {
      throw new IllegalArgumentException("an ECDH curve and both coordinates are required");
    }
    if (!EcMath.of(agreement).isOnCurve(x, y)) {
      throw new IllegalArgumentException("ECDH public point is not on " + agreement.curveName());
    }
  }

  public static EcdhPublicKey parse(byte[] blob) throws LapsCryptoException {
    try {
      return read(LittleEndianReader.of(blob));
    } catch (BinaryFormatException e) {
      throw Bytes.malformed("ECDH public key", e);
    }
  }

  private static EcdhPublicKey read(LittleEndianReader r)
      throws LapsCryptoException, BinaryFormatException {
    long magic = r.u32();
    SecretAgreement agreement;
    if (magic == MAGIC_P256) {
      agreement = SecretAgreement.ECDH_P256;
    } else if (magic == MAGIC_P384) {
      agreement = SecretAgreement.ECDH_P384;
    } else if (magic == MAGIC_P521) {
      throw new LapsCryptoException(
          Reason.UNSUPPORTED_ALGORITHM, "ECDH P-521 public keys are not supported");
    } else {
      throw new LapsCryptoException(
          Reason.MALFORMED_BLOB, "public key blob has an unknown magic");
    }
    long len = r.u32();
    if (len != agreement.coordinateLength()) {
      throw new LapsCryptoException(
          Reason.MALFORMED_BLOB, "ECDH public key has coordinate length " + len);
    }
    BigInteger x = new BigInteger(1, r.bytes((int) len, "X"));
    BigInteger y = new BigInteger(1, r.bytes((int) len, "Y"));
    r.expectEnd("ECDH public key");
    try {
      return new EcdhPublicKey(agreement, x, y);
    } catch (IllegalArgumentException e) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "ECDH public key: " + e.getMessage());
    }
  }

  @Override
  public byte[] encode() {
    int n = agreement.coordinateLength();
    long magic = agreement == SecretAgreement.ECDH_P256 ? MAGIC_P256 : MAGIC_P384;
    return new LittleEndianWriter()
        .u32(magic)
        .u32(n)
        .bytes(Bytes.unsigned(x, n))
        .bytes(Bytes.unsigned(y, n))
        .toByteArray();
  }
}
