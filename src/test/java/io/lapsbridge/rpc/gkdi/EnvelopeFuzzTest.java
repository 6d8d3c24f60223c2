package io.lapsbridge.rpc.gkdi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupKeyEnvelope;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.rpc.Mutator;
import io.lapsbridge.rpc.RpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 120,000 seeded mutations of Group Key Envelopes (the Windows-made vector and envelopes issued
 * as the stand-in issues them) fed to the envelope parser, 30,000 of the GetKey response around
 * them fed to the NDR parser, and for one in twenty the whole decrypt of the Windows blob from
 * the mutated envelope: each succeeds or throws the package's own exception.
 */
class EnvelopeFuzzTest {
  private static final long SEED = 0x6B44_534B_0014L;
  private static final int ITERATIONS = 120_000;
  private static final Path VECTORS = Path.of("src/test/resources/vectors/dpapi-ng");

  @Test
  void mutatedEnvelopesFailCleanly() throws Exception {
    byte[] windows = Files.readAllBytes(VECTORS.resolve("group_key_envelope"));
    byte[] blob = Files.readAllBytes(VECTORS.resolve("dpapi_ng_blob"));
    KdsRootKey ecdh = io.lapsbridge.embedded.KdsFixture.rootKey(
        io.lapsbridge.embedded.KdsFixture.ECDH_ROOT_KEY);
    byte[] sd = new SidProtectionDescriptor("S-1-5-21-1-2-3-512").securityDescriptor();
    List<byte[]> seeds =
        List.of(
            windows,
            GroupKeyEnvelope.issue(ecdh, sd, new GkdiInterval(400, 0, 9), false, "d", "f").encode(),
            GroupKeyEnvelope.issue(ecdh, sd, new GkdiInterval(399, 31, 31), true, "d", "f").encode(),
            GroupKeyEnvelope.issuePublicKey(ecdh, sd, new GkdiInterval(400, 1, 2), "d", "f")
                .encode());

    Random random = new Random(SEED);
    Map<LapsCryptoException.Reason, Integer> seen =
        new EnumMap<>(LapsCryptoException.Reason.class);
    int rpcRefused = 0;
    int decrypted = 0;
    long start = System.nanoTime();
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] seed = seeds.get(i % seeds.size());
      byte[] in = Mutator.mutate(seed, random);
      try {
        if (i % 4 == 0) {
          // The NDR wrapper around it, mutated too.
          GetKeyResponse.parse(Mutator.mutate(GetKeyResponse.success(seed).encode(), random));
        }
      } catch (RpcException e) {
        rpcRefused++;
      } catch (Throwable t) {
        fail("seed " + SEED + " iteration " + i + " (response): " + t, t);
      }
      try {
        GroupKeyEnvelope e = GroupKeyEnvelope.parse(in);
        e.covers(new GkdiInterval(361, 16, 3));
        if (i % 20 == 0) {
          LapsDecryptor.using(
              request -> e.deriveGroupKey(new GkdiInterval(request.l0(), request.l1(), request.l2())))
              .decryptBlob(blob);
          decrypted++;
        }
      } catch (LapsCryptoException e) {
        seen.merge(e.reason(), 1, Integer::sum);
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
      } catch (Throwable t) {
        fail("seed " + SEED + " iteration " + i + ": " + t, t);
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("EnvelopeFuzzTest: " + ITERATIONS + " inputs in " + ms + " ms; "
        + rpcRefused + " responses refused by the NDR parser, " + decrypted
        + " decrypts ran, envelope/crypto refusals " + seen);
    assertTrue(rpcRefused > 0);
    assertTrue(seen.getOrDefault(LapsCryptoException.Reason.MALFORMED_BLOB, 0)
        + seen.getOrDefault(LapsCryptoException.Reason.TRUNCATED_BLOB, 0) > 0);
    assertTrue(seen.getOrDefault(LapsCryptoException.Reason.WRONG_ROOT_KEY, 0) > 0,
        "mutated keys must reach the unwrap: " + seen);
  }
}
