package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;

/**
 * One {@code msLAPS-EncryptedPassword} (or history, or DSRM) attribute value: a 16-byte header,
 * then a {@link DpapiNgBlob}.
 *
 * <p>Header (uint32 little-endian each): the <em>high</em> 32 bits of the update FILETIME, then
 * the <em>low</em> 32 bits, then the byte length of the blob, then reserved flags (0). The
 * high-then-low order is what {@code Get-LapsADPassword} parses; a plain 64-bit value makes it fail.
 *
 * @param updated the update time from the header
 */
public record LapsEncryptedValue(FileTime updated, DpapiNgBlob blob) {
  public static final int HEADER_LENGTH = 16;

  public LapsEncryptedValue {
    if (updated == null || blob == null) {
      throw new IllegalArgumentException("update time and blob are required");
    }
  }

  public static LapsEncryptedValue parse(byte[] value) throws LapsCryptoException {
    if (value == null || value.length < HEADER_LENGTH) {
      throw new LapsCryptoException(
          Reason.TRUNCATED_BLOB,
          "encrypted LAPS value is " + (value == null ? 0 : value.length)
              + " bytes, shorter than its 16-byte header");
    }
    try {
      return read(LittleEndianReader.of(value));
    } catch (BinaryFormatException e) {
      throw Bytes.malformed("LAPS header", e);
    }
  }

  private static LapsEncryptedValue read(LittleEndianReader r)
      throws LapsCryptoException, BinaryFormatException {
    long high = r.u32();
    long low = r.u32();
    long size = r.u32();
    long flags = r.u32();
    if (flags != 0) {
      throw new LapsCryptoException(Reason.BAD_HEADER, "LAPS header flags are " + flags + ", not 0");
    }
    if (high > 0x7FFF_FFFFL) {
      throw new LapsCryptoException(Reason.BAD_HEADER, "LAPS header timestamp is negative");
    }
    if (size > r.remaining()) {
      throw new LapsCryptoException(
          Reason.TRUNCATED_BLOB,
          "LAPS header announces " + size + " bytes but " + r.remaining() + " follow");
    }
    if (size < r.remaining()) {
      throw new LapsCryptoException(
          Reason.BAD_HEADER,
          "LAPS header announces " + size + " bytes but " + r.remaining() + " follow");
    }
    byte[] blob = r.bytes((int) size, "the DPAPI-NG blob");
    return new LapsEncryptedValue(new FileTime(high << 32 | low), DpapiNgBlob.parse(blob));
  }

  public byte[] encode() {
    byte[] blobBytes = blob.encode();
    long t = updated.ticks();
    byte[] header =
        new LittleEndianWriter().u32(t >>> 32).u32(t & 0xFFFF_FFFFL).u32(blobBytes.length).u32(0)
            .toByteArray();
    return ByteArrays.concat(header, blobBytes);
  }
}
