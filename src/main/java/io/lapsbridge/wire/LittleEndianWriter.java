package io.lapsbridge.wire;

import io.lapsbridge.model.Sid;
import java.io.ByteArrayOutputStream;
import java.util.UUID;

/**
 * Builds little-endian binary structures, the mirror of {@link LittleEndianReader}. Values out
 * of a field's range are programming errors and throw {@link IllegalArgumentException} rather
 * than being cut silently.
 */
public final class LittleEndianWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public LittleEndianWriter u8(int value) {
    return little(value, 1, 0xFFL);
  }

  public LittleEndianWriter u16(int value) {
    return little(value, 2, 0xFFFFL);
  }

  /** An unsigned 32-bit value, 0 to 2^32-1. */
  public LittleEndianWriter u32(long value) {
    return little(value, 4, 0xFFFF_FFFFL);
  }

  /** The 32 bits of a Java int, for masks and flags whose top bit may be set. */
  public LittleEndianWriter i32(int value) {
    return little(value & 0xFFFF_FFFFL, 4, 0xFFFF_FFFFL);
  }

  /** The 64 bits as they are. */
  public LittleEndianWriter u64(long value) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (value >>> (8 * i)));
    }
    return this;
  }

  public LittleEndianWriter bytes(byte[] value) {
    out.writeBytes(value);
    return this;
  }

  /** Zero bytes up to the next multiple of {@code boundary} (NDR alignment). */
  public LittleEndianWriter align(int boundary) {
    for (int padding = Math.floorMod(-out.size(), boundary); padding > 0; padding--) {
      out.write(0);
    }
    return this;
  }

  /** A GUID in Windows order ({@link WindowsGuid}). */
  public LittleEndianWriter guid(UUID guid) {
    return bytes(WindowsGuid.encode(guid));
  }

  /** A SID in its binary form. */
  public LittleEndianWriter sid(Sid sid) {
    return bytes(sid.toBytes());
  }

  /** The bytes written so far, which is also where the next one goes. */
  public int position() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private LittleEndianWriter little(long value, int count, long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(
          value + " does not fit an unsigned " + (8 * count) + "-bit field");
    }
    for (int i = 0; i < count; i++) {
      out.write((int) (value >>> (8 * i)));
    }
    return this;
  }
}
