package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.wire.BinaryFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte helpers the MS-GKDI structures need beyond {@code wire.LittleEndianReader} and {@code
 * wire.LittleEndianWriter}: big-endian counters, fixed-width unsigned integers, UTF-16Z, wiping.
 */
final class Bytes {
  private Bytes() {}

  /**
   * A structure that breaks its layout, as this package reports it: running off the end is a
   * {@link Reason#TRUNCATED_BLOB}, anything else a {@link Reason#MALFORMED_BLOB}.
   */
  static LapsCryptoException malformed(String what, BinaryFormatException e) {
    return new LapsCryptoException(
        e.truncated() ? Reason.TRUNCATED_BLOB : Reason.MALFORMED_BLOB,
        what + ": " + e.getMessage());
  }

  static byte[] be32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  /** UTF-16LE with the two-byte NUL Windows appends. */
  static byte[] utf16z(String s) {
    byte[] text = s.getBytes(StandardCharsets.UTF_16LE);
    return Arrays.copyOf(text, text.length + 2);
  }

  /**
   * Decodes UTF-16LE text ending in a two-byte NUL. An empty field (no terminator at all) is
   * read as the empty string, as some non-Windows writers leave names out.
   */
  static String fromUtf16z(byte[] b, String field) throws LapsCryptoException {
    if (b.length == 0) {
      return "";
    }
    if (b.length % 2 != 0 || b[b.length - 1] != 0 || b[b.length - 2] != 0) {
      throw new LapsCryptoException(
          Reason.MALFORMED_BLOB, field + " is not NUL-terminated UTF-16LE text");
    }
    return new String(b, 0, b.length - 2, StandardCharsets.UTF_16LE);
  }

  /** Unsigned big-endian, left-padded with zeros to exactly {@code len} bytes. */
  static byte[] unsigned(BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    int skip = 0;
    while (skip < raw.length - 1 && raw[skip] == 0) {
      skip++;
    }
    int n = raw.length - skip;
    if (n > len) {
      throw new IllegalArgumentException("value needs " + n + " bytes, field has " + len);
    }
    byte[] out = new byte[len];
    System.arraycopy(raw, skip, out, len - n, n);
    return out;
  }

}
