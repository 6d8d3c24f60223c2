package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.math.BigInteger;

/**
 * FFC DH public key (MS-GKDI 2.2.3.1): magic {@code DHPB}, uint32 key length in bytes, then p,
 * g and y, each big-endian and exactly key-length bytes.
 */
public record FfcDhPublicKey(DhParameters parameters, BigInteger y) implements PublicKeyBlob {
  static final long MAGIC = 0x42504844L; // "DHPB"

  public FfcDhPublicKey {
    if (parameters == null || y == null) {
      throw new IllegalArgumentException("DH parameters and y are required");
    }
    // Rejects 0, 1 and p-1 and anything outside the group: small-subgroup values.
    if (y.compareTo(BigInteger.ONE) <= 0
        || y.compareTo(parameters.p().subtract(BigInteger.ONE)) >= 0) {
      throw new IllegalArgumentException("DH public value is out of range");
    }
  }

  @Override
  public SecretAgreement agreement() {
    return SecretAgreement.DH;
  }

  public static FfcDhPublicKey parse(byte[] blob) throws LapsCryptoException {
    try {
      return read(LittleEndianReader.of(blob));
    } catch (BinaryFormatException e) {
      throw Bytes.malformed("FFC DH public key", e);
    }
  }

  private static FfcDhPublicKey read(LittleEndianReader r)
      throws LapsCryptoException, BinaryFormatException {
    if (r.u32() != MAGIC) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "FFC DH public key lacks magic DHPB");
    }
    long keyLength = r.u32();
    if (keyLength <= 0 || keyLength > DhParameters.MAX_KEY_LENGTH) {
      throw new LapsCryptoException(
          Reason.MALFORMED_BLOB, "FFC DH public key has a bad key length " + keyLength);
    }
    int n = (int) keyLength;
    BigInteger p = new BigInteger(1, r.bytes(n, "p"));
    BigInteger g = new BigInteger(1, r.bytes(n, "g"));
    BigInteger y = new BigInteger(1, r.bytes(n, "y"));
    r.expectEnd("FFC DH public key");
    try {
      return new FfcDhPublicKey(new DhParameters(n, p, g), y);
    } catch (IllegalArgumentException e) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "FFC DH public key: " + e.getMessage());
    }
  }

  @Override
  public byte[] encode() {
    int n = parameters.keyLength();
    return new LittleEndianWriter()
        .u32(MAGIC)
        .u32(n)
        .bytes(Bytes.unsigned(parameters.p(), n))
        .bytes(Bytes.unsigned(parameters.g(), n))
        .bytes(Bytes.unsigned(y, n))
        .toByteArray();
  }
}
