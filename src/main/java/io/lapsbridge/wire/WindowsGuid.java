package io.lapsbridge.wire;

import java.util.UUID;

/**
 * The 16 bytes of a Windows GUID (MS-DTYP 2.3.4.2), as {@code objectGUID}, {@code schemaIDGUID},
 * object ACEs, MS-GKDI structures and NDR all carry it: Data1 (4 bytes), Data2 and Data3 (2 bytes
 * each) little-endian, then Data4's 8 bytes as they are. So {@code 01234567-89ab-cdef-0123-...}
 * starts with the bytes {@code 67 45 23 01 ab 89 ef cd 01 23}.
 */
public final class WindowsGuid {
  /** The size of the binary form. */
  public static final int LENGTH = 16;

  private WindowsGuid() {}

  /** Decodes exactly 16 bytes. */
  public static UUID decode(byte[] bytes) throws MalformedValueException {
    if (bytes == null || bytes.length != LENGTH) {
      throw new MalformedValueException(
          "a GUID has 16 bytes, not " + (bytes == null ? "none" : bytes.length));
    }
    return decode(bytes, 0);
  }

  /** Decodes the 16 bytes at {@code offset}; the caller has checked the bounds. */
  static UUID decode(byte[] b, int offset) {
    long data1 = le(b, offset, 4);
    long data2 = le(b, offset + 4, 2);
    long data3 = le(b, offset + 6, 2);
    long data4 = 0;
    for (int i = 8; i < LENGTH; i++) {
      data4 = data4 << 8 | (b[offset + i] & 0xFFL);
    }
    return new UUID(data1 << 32 | data2 << 16 | data3, data4);
  }

  /** Encodes in Windows order. */
  public static byte[] encode(UUID guid) {
    long high = guid.getMostSignificantBits();
    long low = guid.getLeastSignificantBits();
    byte[] b = new byte[LENGTH];
    putLe(b, 0, high >>> 32, 4);
    putLe(b, 4, high >>> 16, 2);
    putLe(b, 6, high, 2);
    for (int i = 0; i < 8; i++) {
      b[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return b;
  }

  private static long le(byte[] b, int offset, int count) {
    long value = 0;
    for (int i = count - 1; i >= 0; i--) {
      value = value << 8 | (b[offset + i] & 0xFFL);
    }
    return value;
  }

  private static void putLe(byte[] b, int offset, long value, int count) {
    for (int i = 0; i < count; i++) {
      b[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
