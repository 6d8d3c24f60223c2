package io.lapsbridge.rpc.dce;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.Mutator;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.epm.EptMap;
import io.lapsbridge.rpc.epm.Tower;
import io.lapsbridge.rpc.gkdi.GetKeyRequest;
import io.lapsbridge.rpc.gkdi.GetKeyResponse;
import io.lapsbridge.rpc.ntlm.NtlmAcceptor;
import io.lapsbridge.rpc.ntlm.NtlmInitiator;
import io.lapsbridge.rpc.ntlm.NtlmSession;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 120,000 seeded mutations of every PDU type, sealed fragments and the NDR stubs inside them:
 * framing, parsing and unsealing either succeed or throw {@link RpcException}, never anything
 * else. Replay a failure with the seed and iteration printed.
 */
class PduFuzzTest {
  private static final long SEED = 0x0DCE_F022_0014L;
  private static final int ITERATIONS = 120_000;

  @Test
  void mutatedPdusAndStubsFailCleanly() throws Exception {
    byte[] stub = new GetKeyRequest(new byte[] {1, 2, 3, 4, 5}, Optional.empty(), -1, -1, -1).encode();
    List<byte[]> pdus = new ArrayList<>();
    pdus.add(new Pdu.Bind(false, 7, 1, 5840, 5840, 0,
        List.of(new Pdu.ContextElement(0, GetKeyRequest.ISDKEY, List.of(SyntaxId.NDR))),
        Optional.of(new AuthTrailer(10, 6, 0, 1, new byte[40]))).encode());
    pdus.add(new Pdu.BindAck(false, 3, 1, 5840, 5840, 9, "49152",
        List.of(new Pdu.ContextResult(0, 0, SyntaxId.NDR)),
        Optional.of(new AuthTrailer(10, 6, 0, 1, new byte[56]))).encode());
    pdus.add(new Pdu.BindNak(1, 8).encode());
    pdus.add(new Pdu.Auth3(1, Optional.of(new AuthTrailer(10, 6, 0, 1, new byte[90]))).encode());
    pdus.add(new Pdu.Fault(3, 2, 0, 5).encode());
    pdus.add(new Pdu.Response(3, 2, 4, 0, new byte[] {1, 2, 3, 4}, Optional.empty()).encode());
    List<byte[]> sealed = new ArrayList<>();
    for (int n : new int[] {0, 1, 16, stub.length}) {
      byte[] part = java.util.Arrays.copyOf(stub, n);
      // Each sealed with a fresh context, so it verifies as the first message of a new one.
      sealed.add(Privacy.seal(
          new Pdu.Request(3, 2, n, 0, 0, part, Privacy.trailer(n, 1)).encode(), sessions()[0]));
    }
    List<byte[]> stubs =
        List.of(stub, GetKeyResponse.success(new byte[40]).encode(),
            EptMap.request(Tower.query(GetKeyRequest.ISDKEY)),
            EptMap.response(new EptMap.Result(
                List.of(new Tower(GetKeyRequest.ISDKEY, SyntaxId.NDR, 5000, new byte[4])), 0)));

    Random random = new Random(SEED);
    Map<RpcException.Kind, Integer> seen = new EnumMap<>(RpcException.Kind.class);
    int parsed = 0;
    long start = System.nanoTime();
    for (int i = 0; i < ITERATIONS; i++) {
      int which = i % 3;
      try {
        if (which == 0) {
          byte[] in = Mutator.mutate(pdus.get(i % pdus.size()), random);
          byte[] frame = Framing.read(new ByteArrayInputStream(in), "fuzz");
          Pdu.parse(frame);
        } else if (which == 1) {
          byte[] in = Mutator.mutate(sealed.get(i % sealed.size()), random);
          // A fresh receiving context each time, as a mutated PDU ends a real one.
          Privacy.unseal(in, sessions()[1]);
          Pdu.parse(in);
        } else {
          byte[] in = Mutator.mutate(stubs.get(i % stubs.size()), random);
          switch (i % 4) {
            case 0 -> GetKeyRequest.parse(in);
            case 1 -> GetKeyResponse.parse(in);
            case 2 -> EptMap.parseRequest(in);
            default -> EptMap.parseResponse(in);
          }
        }
        parsed++;
      } catch (RpcException e) {
        seen.merge(e.kind(), 1, Integer::sum);
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
      } catch (Throwable t) {
        fail("seed " + SEED + " iteration " + i + ": " + t, t);
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("PduFuzzTest: " + ITERATIONS + " inputs in " + ms + " ms; parsed " + parsed
        + ", refused " + seen);
    assertTrue(seen.getOrDefault(RpcException.Kind.MALFORMED, 0) > 0);
    assertTrue(seen.getOrDefault(RpcException.Kind.INTEGRITY, 0) > 0);
    assertTrue(seen.getOrDefault(RpcException.Kind.CONNECTION_DROPPED, 0) > 0, "short frames");
  }

  private static NtlmSession[] sessions() throws RpcException {
    // Deterministic keys: the same exported key gives the same pair, so sealed seeds verify.
    Clock clock = Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);
    byte[] hash = NtHash.of(Secret.of("pw"));
    NtlmInitiator client = new NtlmInitiator("u", "D", hash, new FixedRandom(), clock);
    NtlmAcceptor server =
        new NtlmAcceptor((u, d) -> Optional.of(hash.clone()),
            new NtlmAcceptor.ServerNames("D", "S", "d.test", "s.d.test"), new FixedRandom(), clock);
    NtlmAcceptor.Accepted accepted =
        server.accept(client.authenticate(server.challenge(client.negotiate())));
    return new NtlmSession[] {client.session(), accepted.session()};
  }

  /** A SecureRandom that always yields the same bytes, for reproducible keys. */
  static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    @Override
    public void nextBytes(byte[] bytes) {
      java.util.Arrays.fill(bytes, (byte) 0x5A);
    }
  }
}
