package io.lapsbridge.model;

import java.util.Arrays;

/** Byte-array helpers the key-handling packages share: joining parts and wiping key material. */
public final class ByteArrays {
  private ByteArrays() {}

  /** The parts, one after the other, in a new array. */
  public static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }

  /** Overwrites each array with zeros; null arrays are skipped. */
  public static void wipe(byte[]... arrays) {
    for (byte[] array : arrays) {
      if (array != null) {
        Arrays.fill(array, (byte) 0);
      }
    }
  }
}
