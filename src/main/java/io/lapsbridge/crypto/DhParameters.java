package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.math.BigInteger;

/**
 * FFC DH parameters (MS-GKDI 2.2.2, {@code msKds-SecretAgreementParam} of a DH root key): uint32
 * total length, magic {@code DHPM}, uint32 key length in bytes, then p and g big-endian, each
 * exactly key-length bytes.
 *
 * @param keyLength the byte length of p, g and every public value
 */
public record DhParameters(int keyLength, BigInteger p, BigInteger g) {
  static final long MAGIC = 0x4D504844L; // "DHPM" read as little-endian uint32

  /** Upper bound on the modulus size, so a hostile length cannot make us allocate gigabytes. */
  static final int MAX_KEY_LENGTH = 1024;

  public DhParameters {
    if (keyLength <= 0 || keyLength > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("DH key length must be 1.." + MAX_KEY_LENGTH + " bytes");
    }
    if (p == null || g == null || p.signum() <= 0 || g.signum() <= 0) {
      throw new IllegalArgumentException("DH p and g must be positive");
    }
    if (p.bitLength() > keyLength * 8 || g.compareTo(p) >= 0) {
      throw new IllegalArgumentException("DH p or g does not fit the key length");
    }
  }

  public static DhParameters parse(byte[] blob) throws LapsCryptoException {
    try {
      return read(LittleEndianReader.of(blob));
    } catch (BinaryFormatException e) {
      throw Bytes.malformed("FFC DH parameters", e);
    }
  }

  private static DhParameters read(LittleEndianReader r)
      throws LapsCryptoException, BinaryFormatException {
    long total = r.u32();
    if (r.u32() != MAGIC) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "FFC DH parameters lack magic DHPM");
    }
    long keyLength = r.u32();
    if (keyLength <= 0 || keyLength > MAX_KEY_LENGTH || total != 12 + 2 * keyLength) {
      throw new LapsCryptoException(
          Reason.MALFORMED_BLOB, "FFC DH parameters have inconsistent lengths");
    }
    int n = (int) keyLength;
    BigInteger p = new BigInteger(1, r.bytes(n, "p"));
    BigInteger g = new BigInteger(1, r.bytes(n, "g"));
    r.expectEnd("FFC DH parameters");
    try {
      return new DhParameters(n, p, g);
    } catch (IllegalArgumentException e) {
      throw new LapsCryptoException(Reason.MALFORMED_BLOB, "FFC DH parameters: " + e.getMessage());
    }
  }

  public byte[] encode() {
    return new LittleEndianWriter()
        .u32(12 + 2L * keyLength)
        .u32(MAGIC)
        .u32(keyLength)
        .bytes(Bytes.unsigned(p, keyLength))
        .bytes(Bytes.unsigned(g, keyLength))
        .toByteArray();
  }
}
