package io.lapsbridge.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The little-endian reader and writer every RPC layer uses (NTLM, PDUs, NDR, towers). Kept in
 * one class so it can be swapped for a shared codec later. Reading past the end is an {@link
 * RpcException.Kind#MALFORMED} error naming what was being read; alignment is relative to the
 * start of the buffer, which is what NDR needs when a cursor covers one stub.
 */
public final class ByteCursor {
  private ByteCursor() {}

  /** A bounds-checked reader over one message. */
  public static final class Reader {
    private final byte[] data;
    private final int end;
    private final String what;
    private int pos;

    public Reader(byte[] data, String what) {
      this(data, 0, data.length, what);
    }

    public Reader(byte[] data, int offset, int length, String what) {
      if (offset < 0 || length < 0 || offset + length > data.length) {
        throw new IllegalArgumentException("range outside the buffer");
      }
      this.data = data;
      this.pos = offset;
      this.end = offset + length;
      this.what = what;
    }

    public int position() {
      return pos;
    }

    public int remaining() {
      return end - pos;
    }

    public int u8() throws RpcException {
      need(1, "a byte");
      return data[pos++] & 0xFF;
    }

    public int u16() throws RpcException {
      need(2, "a 16-bit field");
      int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
      pos += 2;
      return v;
    }

    /** Big-endian 16 bits, as the TCP port floor of a tower carries it. */
    public int u16be() throws RpcException {
      need(2, "a 16-bit field");
      int v = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    /** A 32-bit field as a Java int (signed for NDR {@code long}, bit pattern otherwise). */
    public int i32() throws RpcException {
      need(4, "a 32-bit field");
      int v =
          (data[pos] & 0xFF)
              | (data[pos + 1] & 0xFF) << 8
              | (data[pos + 2] & 0xFF) << 16
              | (data[pos + 3] & 0xFF) << 24;
      pos += 4;
      return v;
    }

    /** A 32-bit unsigned field. */
    public long u32() throws RpcException {
      return i32() & 0xFFFF_FFFFL;
    }

    public long u64() throws RpcException {
      long lo = u32();
      long hi = u32();
      return hi << 32 | lo;
    }

    public byte[] take(int n, String field) throws RpcException {
      need(n, field);
      byte[] out = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return out;
    }

    /** A 32-bit count that must fit in what is left when each item takes {@code unit} bytes. */
    public int count(String field, int unit) throws RpcException {
      long v = u32();
      if (v * unit > remaining()) {
        throw RpcException.malformed(
            what + ": " + field + " of " + v + " does not fit the " + remaining()
                + " bytes left");
      }
      return (int) v;
    }

    public void skip(int n) throws RpcException {
      need(n, "padding");
      pos += n;
    }

    /** Skips to the next multiple of {@code n} from the start of the buffer. */
    public void align(int n) throws RpcException {
      int pad = (n - (pos % n)) % n;
      skip(pad);
    }

    /** A GUID in Windows layout (Data1..Data3 little-endian). */
    public UUID guid() throws RpcException {
      byte[] b = take(16, "a GUID");
      return Guids.fromWindows(b, 0);
    }

    public void expectEnd() throws RpcException {
      if (remaining() != 0) {
        throw RpcException.malformed(what + " has " + remaining() + " unexpected trailing bytes");
      }
    }

    private void need(int n, String field) throws RpcException {
      if (n < 0 || n > end - pos) {
        throw RpcException.malformed(
            what + " ends before " + field + " at offset " + pos + " (" + (end - pos)
                + " bytes left, " + n + " needed)");
      }
    }
  }

  /** A growable little-endian buffer. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Writer u8(int v) {
      out.write(v);
      return this;
    }

    public Writer u16(int v) {
      out.write(v);
      out.write(v >>> 8);
      return this;
    }

    public Writer u16be(int v) {
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    public Writer u32(long v) {
      out.write((int) v);
      out.write((int) (v >>> 8));
      out.write((int) (v >>> 16));
      out.write((int) (v >>> 24));
      return this;
    }

    public Writer u64(long v) {
      return u32(v).u32(v >>> 32);
    }

    public Writer put(byte[] b) {
      out.write(b, 0, b.length);
      return this;
    }

    public Writer zeros(int n) {
      for (int i = 0; i < n; i++) {
        out.write(0);
      }
      return this;
    }

    /** Pads with zeros to the next multiple of {@code n} from the start. */
    public Writer align(int n) {
      return zeros((n - out.size() % n) % n);
    }

    public Writer guid(UUID id) {
      return put(Guids.toWindows(id));
    }

    public Writer utf16(String s) {
      return put(s.getBytes(StandardCharsets.UTF_16LE));
    }

    public int size() {
      return out.size();
    }

    public byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** Windows GUID byte order: Data1..Data3 little-endian, Data4 as is. */
  public static final class Guids {
    private Guids() {}

    public static UUID fromWindows(byte[] b, int off) {
      long d1 = le(b, off, 4);
      long d2 = le(b, off + 4, 2);
      long d3 = le(b, off + 6, 2);
      long lsb = 0;
      for (int i = 8; i < 16; i++) {
        lsb = lsb << 8 | (b[off + i] & 0xFF);
      }
      return new UUID(d1 << 32 | d2 << 16 | d3, lsb);
    }

    public static byte[] toWindows(UUID id) {
      long msb = id.getMostSignificantBits();
      long lsb = id.getLeastSignificantBits();
      byte[] b = new byte[16];
      long d1 = msb >>> 32;
      for (int i = 0; i < 4; i++) {
        b[i] = (byte) (d1 >>> (8 * i));
      }
      b[4] = (byte) (msb >>> 16);
      b[5] = (byte) (msb >>> 24);
      b[6] = (byte) msb;
      b[7] = (byte) (msb >>> 8);
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
  }
}
