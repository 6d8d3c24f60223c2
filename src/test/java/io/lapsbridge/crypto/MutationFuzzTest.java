package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the whole decrypt path (header, CMS, key identifier, descriptor,
 * public key, derivation, unwrap, GCM, payload): every input either decrypts to the original
 * password or fails with a {@link LapsCryptoException}. Any other throwable fails the test with
 * the seed and iteration needed to replay it.
 */
class MutationFuzzTest {
  private static final long SEED = 0x1A95_B41D_6E00_0008L;
  private static final int ITERATIONS = 100_000;

  @Test
  void mutatedValuesOnlyEverFailCleanly() throws Exception {
    KdsRootKey dh = Fixtures.dsinternalsRootKey();
    KdsRootKey p256 = Vectors.rootKey(Vectors.scenario("kdf_sha256_ecdh_p256"));
    KdsRootKey p384 = Vectors.rootKey(Vectors.scenario("kdf_sha384_ecdh_p384"));
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(Fixtures.dsinternalsValue());
    seeds.add(Fixtures.encryptedValue(p256, 1));
    seeds.add(Fixtures.encryptedValue(p384, 2));
    // A Windows in-envelope blob behind a LAPS header, so the embedded path is fuzzed too.
    DpapiNgBlob embedded = DpapiNgBlob.parse(Fixtures.encryptedValueBlob(p256));
    seeds.add(new LapsEncryptedValue(Fixtures.UPDATED, embedded).encode());

    LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(dh, p256, p384), 64);
    Random random = new Random(SEED);
    Map<LapsCryptoException.Reason, Integer> seen = new EnumMap<>(LapsCryptoException.Reason.class);
    int decrypted = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input = mutate(seeds.get(i % seeds.size()), random);
      try {
        DecryptedPassword p = decryptor.decrypt(input);
        // GCM authenticates the content, so any success must be the original payload.
        assertTrue(
            p.password().reveal().equals(Fixtures.PASSWORD)
                || p.password().reveal().equals("a998aoEUUXxO32"),
            "iteration " + i + " decrypted to something else");
        decrypted++;
      } catch (LapsCryptoException e) {
        seen.merge(e.reason(), 1, Integer::sum);
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
      } catch (Throwable t) {
        fail("seed " + SEED + " iteration " + i + ": " + t, t);
      }
    }
    int failures = seen.values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(ITERATIONS, failures + decrypted);
    // The mutations must reach deep as well as shallow checks.
    for (LapsCryptoException.Reason r :
        List.of(
            LapsCryptoException.Reason.TRUNCATED_BLOB,
            LapsCryptoException.Reason.BAD_HEADER,
            LapsCryptoException.Reason.MALFORMED_BLOB,
            LapsCryptoException.Reason.TAG_MISMATCH,
            LapsCryptoException.Reason.WRONG_ROOT_KEY,
            LapsCryptoException.Reason.UNKNOWN_ROOT_KEY)) {
      assertTrue(seen.getOrDefault(r, 0) > 0, "no mutation produced " + r + ": " + seen);
    }
  }

  /** One to four edits: bit flips, byte sets, truncation, insertion, deletion, duplication. */
  static byte[] mutate(byte[] original, Random r) {
    byte[] b = original.clone();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(7)) {
        case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[at] = (byte) new int[] {0x00, 0xFF, 0x7F, 0x80, 0x01}[r.nextInt(5)];
        case 2 -> b = Arrays.copyOf(b, at);
        case 3 -> {
          byte[] grown = new byte[b.length + 1 + r.nextInt(8)];
          System.arraycopy(b, 0, grown, 0, at);
          for (int i = at; i < at + grown.length - b.length; i++) {
            grown[i] = (byte) r.nextInt(256);
          }
          System.arraycopy(b, at, grown, at + grown.length - b.length, b.length - at);
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
          // A 32-bit little-endian field (a length or index) set to an extreme.
          if (at + 4 <= b.length) {
            int v = new int[] {0, 1, 31, 32, -1, 0x7FFF_FFFF, b.length}[r.nextInt(7)];
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
