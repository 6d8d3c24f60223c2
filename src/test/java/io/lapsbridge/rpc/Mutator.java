package io.lapsbridge.rpc;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded structure-aware mutations for the parser fuzz tests: bit flips, special bytes, 16- and
 * 32-bit fields (lengths, offsets, counts) set to extremes, truncation, insertion, deletion and
 * duplication; one to four edits per input.
 */
public final class Mutator {
  private static final int[] SPECIAL_BYTES = {0x00, 0xFF, 0x7F, 0x80, 0x01, 0x10};

  private Mutator() {}

  public static byte[] mutate(byte[] original, Random r) {
    byte[] b = original.clone();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(8)) {
        case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[at] = (byte) SPECIAL_BYTES[r.nextInt(SPECIAL_BYTES.length)];
        case 2 -> b = Arrays.copyOf(b, at);
        case 3 -> {
          int n = 1 + r.nextInt(8);
          byte[] grown = new byte[b.length + n];
          System.arraycopy(b, 0, grown, 0, at);
          for (int i = at; i < at + n; i++) {
            grown[i] = (byte) r.nextInt(256);
          }
          System.arraycopy(b, at, grown, at + n, b.length - at);
          b = grown;
        }
        case 4 -> {
          int n = Math.min(1 + r.nextInt(16), b.length - at);
          byte[] shrunk = new byte[b.length - n];
          System.arraycopy(b, 0, shrunk, 0, at);
          System.arraycopy(b, at + n, shrunk, at, b.length - at - n);
          b = shrunk;
        }
        case 5 -> {
          if (at + 2 <= b.length) {
            int v = new int[] {0, 1, 0xFFFF, 0x8000, b.length, b.length + 1, 16}[r.nextInt(7)];
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
          }
        }
        case 6 -> {
          if (at + 4 <= b.length) {
            int v = new int[] {0, 1, 31, -1, 0x7FFF_FFFF, 0x8000_0000, b.length}[r.nextInt(7)];
            for (int i = 0; i < 4; i++) {
              b[at + i] = (byte) (v >>> (8 * i));
            }
          }
        }
        default -> {
          int n = Math.min(1 + r.nextInt(32), b.length - at);
          byte[] dup = new byte[b.length + n];
          System.arraycopy(b, 0, dup, 0, at + n);
          System.arraycopy(b, at, dup, at + n, b.length - at);
          b = dup;
        }
      }
    }
    return b;
  }
}
