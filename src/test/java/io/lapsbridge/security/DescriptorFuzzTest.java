package io.lapsbridge.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the binary and SDDL parsers: every input either parses into a
 * descriptor that re-encodes stably, or fails with a {@link SecurityFormatException} whose
 * position lies inside the input. Any other throwable fails with the seed and iteration.
 */
class DescriptorFuzzTest {
  private static final long SEED = 0x5D_F1A9_0007L;
  private static final int BINARY_ITERATIONS = 100_000;
  private static final int SDDL_ITERATIONS = 50_000;

  @Test
  void mutatedDescriptorsOnlyEverFailCleanly() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (String sddl : DescriptorCodecTest.GOLDEN) {
      seeds.add(Sddl.parse(sddl).toBytes());
    }
    Random random = new Random(SEED);
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < BINARY_ITERATIONS; i++) {
      byte[] input = mutate(seeds.get(i % seeds.size()), random);
      try {
        SecurityDescriptor sd = SecurityDescriptor.fromBytes(input);
        byte[] again = sd.toBytes();
        assertEquals(sd, SecurityDescriptor.fromBytes(again), "iteration " + i);
        assertArrayEquals(again, SecurityDescriptor.fromBytes(again).toBytes(), "iteration " + i);
        parsed++;
      } catch (SecurityFormatException e) {
        assertTrue(e.position() >= 0 && e.position() <= input.length, "iteration " + i + ": " + e.getMessage());
        rejected++;
      } catch (Throwable t) {
        fail("seed " + SEED + " iteration " + i + ": " + t, t);
      }
    }
    assertEquals(BINARY_ITERATIONS, parsed + rejected);
    // Both outcomes must occur, or the mutations are not exercising the parser.
    assertTrue(parsed > 1000 && rejected > 1000, "parsed " + parsed + ", rejected " + rejected);
  }

  @Test
  void mutatedSddlOnlyEverFailsCleanly() {
    Random random = new Random(SEED + 1);
    String alphabet = "OGDS:();AIPRCWLNXOUFSDTGAE0123456789abcdef-x";
    int parsed = 0;
    for (int i = 0; i < SDDL_ITERATIONS; i++) {
      StringBuilder text = new StringBuilder(DescriptorCodecTest.GOLDEN[i % DescriptorCodecTest.GOLDEN.length]);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && text.length() > 0; e++) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> text.deleteCharAt(at);
          default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      try {
        SecurityDescriptor sd = Sddl.parse(text.toString());
        assertEquals(sd.toSddl(), Sddl.parse(sd.toSddl()).toSddl(), "iteration " + i);
        parsed++;
      } catch (SecurityFormatException e) {
        assertTrue(e.position() >= 0 && e.position() <= text.length(), "iteration " + i + ": " + e.getMessage());
      } catch (Throwable t) {
        fail("seed " + (SEED + 1) + " iteration " + i + " input '" + text + "': " + t, t);
      }
    }
    assertTrue(parsed > 100, "parsed " + parsed);
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] data = seed.clone();
    switch (random.nextInt(5)) {
      case 0 -> data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
      case 1 -> data[random.nextInt(data.length)] = (byte) random.nextInt(256);
      case 2 -> data = Arrays.copyOf(data, random.nextInt(data.length));
      case 3 -> {
        int at = random.nextInt(data.length + 1);
        byte[] longer = new byte[data.length + 1 + random.nextInt(8)];
        System.arraycopy(data, 0, longer, 0, at);
        System.arraycopy(data, at, longer, longer.length - (data.length - at), data.length - at);
        data = longer;
      }
      default -> {
        // Several byte changes at once, biased to the header and ACL headers where sizes live.
        for (int n = 0; n < 1 + random.nextInt(4); n++) {
          int at = random.nextInt(Math.min(data.length, 40));
          data[at] = (byte) random.nextInt(256);
        }
      }
    }
    return data;
  }
}
