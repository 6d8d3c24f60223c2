package io.lapsbridge.security;

/** Little-endian reads over a byte array with bounds checks that name the absolute offset. */
final class ByteReader {
  private final byte[] bytes;
  private final int limit;

  ByteReader(byte[] bytes, int limit) {
    this.bytes = bytes;
    this.limit = limit;
  }

  byte[] array() {
    return bytes;
  }

  int limit() {
    return limit;
  }

  void require(int offset, int length, String what) throws SecurityFormatException {
    if (offset < 0 || length < 0 || offset > limit - length) {
      throw SecurityFormatException.atOffset(
          offset, what + " needs " + length + " bytes but only " + Math.max(0, limit - offset)
              + " remain");
    }
  }

  int u8(int offset, String what) throws SecurityFormatException {
    require(offset, 1, what);
    return bytes[offset] & 0xff;
  }

  int u16(int offset, String what) throws SecurityFormatException {
    require(offset, 2, what);
    return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8;
  }

  long u32(int offset, String what) throws SecurityFormatException {
    require(offset, 4, what);
    return (bytes[offset] & 0xffL)
        | (bytes[offset + 1] & 0xffL) << 8
        | (bytes[offset + 2] & 0xffL) << 16
        | (bytes[offset + 3] & 0xffL) << 24;
  }

  byte[] slice(int offset, int length, String what) throws SecurityFormatException {
    require(offset, length, what);
    byte[] copy = new byte[length];
    System.arraycopy(bytes, offset, copy, 0, length);
    return copy;
  }
}
