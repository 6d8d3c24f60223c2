package io.lapsbridge.wire;

import io.lapsbridge.model.Sid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A bounds-checked cursor over little-endian binary structures: security descriptors, MS-GKDI
 * blobs, NDR. Positions are absolute indexes into the array, so an error names the same offset
 * a hex dump shows. Every read names its field; reading past {@link #limit()} throws a
 * {@link BinaryFormatException} such as {@code offset 48: SID needs 12 bytes but only 11
 * remain}, and nothing is consumed.
 */
public final class LittleEndianReader {
  private final byte[] bytes;
  private final int limit;
  private int position;

  private LittleEndianReader(byte[] bytes, int position, int limit) {
    this.bytes = bytes;
    this.position = position;
    this.limit = limit;
  }

  /** A reader over the whole array, at position 0. The array is not copied. */
  public static LittleEndianReader of(byte[] bytes) {
    return new LittleEndianReader(bytes, 0, bytes.length);
  }

  /** Where the next read starts. */
  public int position() {
    return position;
  }

  /** The end of the readable bytes (exclusive). */
  public int limit() {
    return limit;
  }

  /** How many bytes are left before {@link #limit()}. */
  public int remaining() {
    return limit - position;
  }

  /** Moves to an absolute position between 0 and {@link #limit()}. */
  public LittleEndianReader seek(int newPosition) throws BinaryFormatException {
    if (newPosition < 0 || newPosition > limit) {
      throw new BinaryFormatException(
          newPosition, "position is outside the " + limit + " readable bytes", newPosition > limit);
    }
    position = newPosition;
    return this;
  }

  /**
   * A reader over the same bytes from the current position up to {@code end}, for a structure
   * that announces its own size: reads inside it cannot run into what follows.
   */
  public LittleEndianReader upTo(int end, String field) throws BinaryFormatException {
    require(end - position, field);
    return new LittleEndianReader(bytes, position, end);
  }

  /** Checks that {@code count} bytes can be read here, without reading them. */
  public void require(int count, String field) throws BinaryFormatException {
    if (count < 0 || count > remaining()) {
      throw new BinaryFormatException(
          position,
          field + " needs " + count + " bytes but only " + remaining() + " remain",
          count >= 0);
    }
  }

  public int u8() throws BinaryFormatException {
    return u8("an 8-bit field");
  }

  public int u16() throws BinaryFormatException {
    return u16("a 16-bit field");
  }

  /** An unsigned 32-bit value, as a non-negative long. */
  public long u32() throws BinaryFormatException {
    return u32("a 32-bit field");
  }

  /** A 64-bit value; the bits as they are. */
  public long u64() throws BinaryFormatException {
    return u64("a 64-bit field");
  }

  public UUID guid() throws BinaryFormatException {
    return guid("a GUID");
  }

  public int u8(String field) throws BinaryFormatException {
    require(1, field);
    return bytes[position++] & 0xFF;
  }

  public int u16(String field) throws BinaryFormatException {
    return (int) little(2, field);
  }

  /** An unsigned 32-bit value, as a non-negative long. */
  public long u32(String field) throws BinaryFormatException {
    return little(4, field);
  }

  /** A 64-bit value; the bits as they are, so values of 2^63 and above come back negative. */
  public long u64(String field) throws BinaryFormatException {
    return little(8, field);
  }

  /**
   * A 32-bit length or count that must fit in what is left, as {@code count} fields announce
   * the bytes that follow. {@code unit} is the size of one element.
   */
  public int u32Length(int unit, String field) throws BinaryFormatException {
    int at = position;
    long count = u32(field);
    int left = remaining();
    if (count * unit > left) {
      position = at;
      throw new BinaryFormatException(
          at,
          field + " is " + count + (unit == 1 ? " bytes" : " elements of " + unit + " bytes")
              + " but only " + left + " bytes remain after it",
          true);
    }
    return (int) count;
  }

  public byte[] bytes(int count, String field) throws BinaryFormatException {
    require(count, field);
    byte[] out = Arrays.copyOfRange(bytes, position, position + count);
    position += count;
    return out;
  }

  public LittleEndianReader skip(int count, String field) throws BinaryFormatException {
    require(count, field);
    position += count;
    return this;
  }

  /** Skips to the next multiple of {@code boundary} (NDR alignment), counted from 0. */
  public LittleEndianReader align(int boundary, String field) throws BinaryFormatException {
    int padding = Math.floorMod(-position, boundary);
    return skip(padding, field + " alignment");
  }

  /** A GUID in Windows order ({@link WindowsGuid}). */
  public UUID guid(String field) throws BinaryFormatException {
    require(WindowsGuid.LENGTH, field);
    UUID guid = WindowsGuid.decode(bytes, position);
    position += WindowsGuid.LENGTH;
    return guid;
  }

  /** A binary SID (MS-DTYP 2.4.2.2): revision 1, its count, then exactly that many parts. */
  public Sid sid(String field) throws BinaryFormatException {
    int start = position;
    require(2, field);
    int revision = bytes[start] & 0xFF;
    int count = bytes[start + 1] & 0xFF;
    if (revision != 1) {
      throw new BinaryFormatException(
          start, field + " revision " + revision + ", expected 1", false);
    }
    if (count == 0 || count > Sid.MAX_SUB_AUTHORITIES) {
      throw new BinaryFormatException(start + 1,
          field + " has " + count + " sub-authorities, 1 to 15 are allowed", false);
    }
    require(8 + 4 * count, field);
    position += 2;
    long authority = 0;
    for (int i = 0; i < 6; i++) {
      authority = authority << 8 | (bytes[position++] & 0xFF);
    }
    List<Long> subs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      subs.add(u32(field));
    }
    return new Sid(authority, subs);
  }

  /** Fails unless every byte up to {@link #limit()} has been read. */
  public void expectEnd(String what) throws BinaryFormatException {
    if (remaining() != 0) {
      throw new BinaryFormatException(position, remaining() + " bytes after the " + what, false);
    }
  }

  /** Decodes a binary SID that fills the whole array, as {@code objectSid} holds it. */
  public static Sid sidOf(byte[] bytes) throws BinaryFormatException {
    LittleEndianReader in = of(bytes);
    Sid sid = in.sid("SID");
    in.expectEnd("SID");
    return sid;
  }

  private long little(int count, String field) throws BinaryFormatException {
    require(count, field);
    long value = 0;
    for (int i = count - 1; i >= 0; i--) {
      value = value << 8 | (bytes[position + i] & 0xFFL);
    }
    position += count;
    return value;
  }
}
