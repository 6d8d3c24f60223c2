package io.lapsbridge.rpc.ntlm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.Mutator;
import io.lapsbridge.rpc.RpcException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 120,000 seeded mutations of the three NTLM messages, fed to the parser and to both roles (the
 * acceptor checking a mutated AUTHENTICATE, the initiator answering a mutated CHALLENGE): each
 * either works or throws {@link RpcException}. A changed AUTHENTICATE never authenticates: the
 * MIC covers all of it.
 */
class NtlmFuzzTest {
  private static final long SEED = 0x4E54_4C4D_0014L;
  private static final int ITERATIONS = 120_000;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void mutatedMessagesFailCleanly() throws Exception {
    byte[] hash = NtHash.of(Secret.of("reader-secret"));
    NtlmInitiator client = new NtlmInitiator("helpdesk", "EXAMPLE", hash, new SecureRandom(), CLOCK);
    NtlmAcceptor server =
        new NtlmAcceptor((u, d) -> Optional.of(hash.clone()),
            new NtlmAcceptor.ServerNames("EXAMPLE", "DC1", "example.com", "dc1.example.com"),
            new SecureRandom(), CLOCK);
    byte[] negotiate = client.negotiate();
    byte[] challenge = server.challenge(negotiate);
    byte[] authenticate = client.authenticate(challenge);
    List<byte[]> seeds = List.of(negotiate, challenge, authenticate);

    Random random = new Random(SEED);
    Map<RpcException.Kind, Integer> seen = new EnumMap<>(RpcException.Kind.class);
    int accepted = 0;
    long start = System.nanoTime();
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] in = Mutator.mutate(seeds.get(i % 3), random);
      try {
        switch (i % 3) {
          case 0 -> NtlmMessage.parse(in);
          case 1 -> {
            NtlmInitiator c = new NtlmInitiator("helpdesk", "EXAMPLE", hash, random(i), CLOCK);
            c.negotiate();
            c.authenticate(in);
          }
          default -> {
            server.accept(in);
            // Only a mutation that changed nothing may pass: the MIC covers every byte.
            org.junit.jupiter.api.Assertions.assertArrayEquals(authenticate, in, "iteration " + i);
            accepted++;
          }
        }
      } catch (RpcException e) {
        seen.merge(e.kind(), 1, Integer::sum);
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
      } catch (Throwable t) {
        fail("seed " + SEED + " iteration " + i + ": " + t, t);
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("NtlmFuzzTest: " + ITERATIONS + " inputs in " + ms + " ms; "
        + accepted + " no-op mutations of AUTHENTICATE verified, refused " + seen);
    assertTrue(seen.getOrDefault(RpcException.Kind.MALFORMED, 0) > 0);
    assertTrue(seen.getOrDefault(RpcException.Kind.AUTHENTICATION_FAILED, 0) > 0);
  }

  private static SecureRandom random(int i) {
    return new SecureRandom(new byte[] {(byte) i});
  }
}
