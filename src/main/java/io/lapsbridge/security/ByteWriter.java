package io.lapsbridge.security;

import java.io.ByteArrayOutputStream;

/** Little-endian writes, the mirror of {@link ByteReader}. */
final class ByteWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ByteWriter u8(int value) {
    out.write(value);
    return this;
  }

  ByteWriter u16(int value) {
    out.write(value);
    out.write(value >>> 8);
    return this;
  }

  ByteWriter u32(long value) {
    for (int shift = 0; shift < 32; shift += 8) {
      out.write((int) (value >>> shift));
    }
    return this;
  }

  ByteWriter bytes(byte[] value) {
    out.writeBytes(value);
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
