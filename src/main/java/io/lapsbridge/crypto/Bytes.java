package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/** Little-endian readers and writers for the MS-GKDI binary structures (package-private). */
final class Bytes {
  private Bytes() {}

  /** A bounds-checked cursor; running off the end is a {@link Reason#TRUNCATED_BLOB}. */
  static final class Reader {
    private final byte[] data;
    private final String what;
    private int pos;

    Reader(byte[] data, String what) {
      this.data = data;
      this.what = what;
    }

    int position() {
      return pos;
    }

    int remaining() {
      return data.length - pos;
    }

    /** An unsigned 32-bit little-endian value. */
    long u32() throws LapsCryptoException {
      need(4, "a 32-bit field");
      long v =
          (data[pos] & 0xFFL)
              | (data[pos + 1] & 0xFFL) << 8
              | (data[pos + 2] & 0xFFL) << 16
              | (data[pos + 3] & 0xFFL) << 24;
      pos += 4;
      return v;
    }

    /** A 32-bit little-endian value used as a length; must fit what is left. */
    int length(String field) throws LapsCryptoException {
      long v = u32();
      if (v > remaining()) {
        throw new LapsCryptoException(
            Reason.TRUNCATED_BLOB,
            what + ": " + field + " is " + v + " bytes but only " + remaining() + " remain");
      }
      return (int) v;
    }

    byte[] take(int n, String field) throws LapsCryptoException {
      need(n, field);
      byte[] out = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return out;
    }

    UUID guid() throws LapsCryptoException {
      return Bytes.guid(take(16, "a GUID"), 0);
    }

    void end() throws LapsCryptoException {
      if (remaining() != 0) {
        throw new LapsCryptoException(
            Reason.MALFORMED_BLOB, what + " has " + remaining() + " unexpected trailing bytes");
      }
    }

    private void need(int n, String field) throws LapsCryptoException {
      if (n < 0 || n > remaining()) {
        throw new LapsCryptoException(
            Reason.TRUNCATED_BLOB,
            what + " ends at byte " + data.length + " before " + field + " at offset " + pos);
      }
    }
  }

  /** A growable little-endian buffer. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer u32(long v) {
      out.write((int) v);
      out.write((int) (v >>> 8));
      out.write((int) (v >>> 16));
      out.write((int) (v >>> 24));
      return this;
    }

    Writer put(byte[] b) {
      out.write(b, 0, b.length);
      return this;
    }

    Writer guid(UUID id) {
      return put(Bytes.guid(id));
    }

    byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** Windows GUID layout: Data1..Data3 little-endian, Data4 as-is. */
  static UUID guid(byte[] b, int off) {
    long msb =
        (le(b, off, 4) << 32) | (le(b, off + 4, 2) << 16) | le(b, off + 6, 2);
    long lsb = 0;
    for (int i = 8; i < 16; i++) {
      lsb = lsb << 8 | (b[off + i] & 0xFF);
    }
    return new UUID(msb, lsb);
  }

  static byte[] guid(UUID id) {
    long msb = id.getMostSignificantBits();
    long lsb = id.getLeastSignificantBits();
    byte[] b = new byte[16];
    long d1 = msb >>> 32;
    long d2 = (msb >>> 16) & 0xFFFF;
    long d3 = msb & 0xFFFF;
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (d1 >>> (8 * i));
    }
    b[4] = (byte) d2;
    b[5] = (byte) (d2 >>> 8);
    b[6] = (byte) d3;
    b[7] = (byte) (d3 >>> 8);
    for (int i = 0; i < 8; i++) {
      b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    return b;
  }

  private static long le(byte[] b, int off, int n) {
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = v << 8 | (b[off + i] & 0xFF);
    }
    return v;
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
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

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
      }
    }
  }
}
