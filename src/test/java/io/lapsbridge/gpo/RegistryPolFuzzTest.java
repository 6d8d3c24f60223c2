package io.lapsbridge.gpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lapsbridge.policy.PolicyRoot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the PReg reader: 120,000 inputs, mutated from real-shaped files or random,
 * must each parse or fail with a {@link RegistryPolException} whose message is
 * {@code file:offset: error}; anything else (another exception, a hang) fails the test.
 */
class RegistryPolFuzzTest {
  private static final long SEED = 0x4C415053L;
  private static final int INPUTS = 120_000;

  private static List<byte[]> seeds() {
    String laps = PolicyRoot.GPO.subKey();
    String legacy = PolicyRoot.LEGACY_GPO.subKey();
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(RegistryPolWriter.write(RegistryPol.of()));
    seeds.add(RegistryPolWriter.write(RegistryPol.of(
        PolEntry.dword(laps, "BackupDirectory", 2),
        PolEntry.dword(laps, "PasswordAgeDays", 30),
        PolEntry.string(laps, "ADPasswordEncryptionPrincipal", "CORP\\LAPS Readers"))));
    seeds.add(RegistryPolWriter.write(RegistryPol.of(
        PolEntry.dword(legacy, "AdmPwdEnabled", 1),
        PolEntry.string(legacy, "AdminAccountName", "helpdesk"),
        PolEntry.string(legacy, "**del.PasswordLength", " "),
        new PolEntry(legacy, "Blob", RegistryType.REG_QWORD, new byte[8]))));
    return seeds;
  }

  @Test
  void everyInputParsesOrFailsCleanly() {
    List<byte[]> seeds = seeds();
    SplittableRandom random = new SplittableRandom(SEED);
    int parsed = 0;
    int rejected = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int i = 0; i < INPUTS; i++) {
      byte[] input = random.nextInt(10) == 0
          ? randomBytes(random)
          : mutate(seeds.get(random.nextInt(seeds.size())), random);
      try {
        RegistryPol pol = RegistryPolReader.read("fuzz.pol", input);
        // Whatever parses must survive a write/read round trip unchanged.
        assertEquals(pol, RegistryPolReader.read("fuzz.pol", RegistryPolWriter.write(pol)));
        parsed++;
      } catch (RegistryPolException e) {
        assertTrue(e.getMessage().matches("fuzz\\.pol:\\d+: [^\\n]+"), e.getMessage());
        assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
        rejected++;
      } catch (RuntimeException e) {
        fail("input " + i + " threw " + e, e);
      }
      if ((i & 1023) == 0 && System.nanoTime() > deadline) {
        // A guard against a pathological slowdown, not a timing assertion on normal runs.
        fail("fuzzing took over 60 s at input " + i);
      }
    }
    assertEquals(INPUTS, parsed + rejected);
    // Both outcomes must really occur, or the mutator is not exercising the parser.
    assertTrue(parsed > 1000, "parsed " + parsed);
    assertTrue(rejected > 1000, "rejected " + rejected);
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(64)];
    random.nextBytes(bytes);
    if (bytes.length >= 8 && random.nextBoolean()) {
      System.arraycopy(new byte[] {'P', 'R', 'e', 'g', 1, 0, 0, 0}, 0, bytes, 0, 8);
    }
    return bytes;
  }

  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    byte[] bytes = seed.clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && bytes.length > 0; m++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(6)) {
        case 0 -> bytes[at] = (byte) random.nextInt(256);
        case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
        case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
        case 3 -> {
          // Insert a random run, which shifts every later field.
          int run = 1 + random.nextInt(6);
          byte[] grown = new byte[bytes.length + run];
          System.arraycopy(bytes, 0, grown, 0, at);
          for (int k = 0; k < run; k++) {
            grown[at + k] = (byte) random.nextInt(256);
          }
          System.arraycopy(bytes, at, grown, at + run, bytes.length - at);
          bytes = grown;
        }
        case 4 -> {
          // Plant a huge or tiny little-endian DWORD (sizes and types are the sharp edges).
          int value = random.nextBoolean() ? random.nextInt() : random.nextInt(16);
          for (int k = 0; k < 4 && at + k < bytes.length; k++) {
            bytes[at + k] = (byte) (value >>> (8 * k));
          }
        }
        default -> {
          // Duplicate a slice, as a half-written file might.
          int len = random.nextInt(Math.min(32, bytes.length - at) + 1);
          byte[] grown = new byte[bytes.length + len];
          System.arraycopy(bytes, 0, grown, 0, at + len);
          System.arraycopy(bytes, at, grown, at + len, bytes.length - at);
          bytes = grown;
        }
      }
    }
    return bytes;
  }
}
