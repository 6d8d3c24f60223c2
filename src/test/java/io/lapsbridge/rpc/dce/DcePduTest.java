package io.lapsbridge.rpc.dce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.rpc.epm.EptMap;
import io.lapsbridge.rpc.ntlm.NtlmAcceptor;
import io.lapsbridge.rpc.ntlm.NtlmInitiator;
import io.lapsbridge.rpc.ntlm.NtlmSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PDU layouts (C706 12.6, MS-RPCE 2.2.2) as golden bytes, round trips, and sealed fragments. */
class DcePduTest {
  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s|\\|", ""));
  }

  @Test
  void bindToTheEndpointMapper() throws Exception {
    byte[] golden =
        hex("05 00 0b 03 10000000 4800 0000 01000000" // v5.0 bind, first|last, drep, 72 bytes
            + "d016 d016 00000000" // max xmit/recv 5840, new association group
            + "01 00 0000" // one context
            + "0000 01 00" // context 0, one transfer syntax
            + "0883afe1 1f5d c911 91a4 08002b14a0fa 0300 0000" // EPM v3.0
            + "045d888a eb1c c911 9fe8 08002b104860 0200 0000"); // NDR v2.0
    Pdu.Bind bind =
        new Pdu.Bind(false, Pdu.FIRST_FRAG | Pdu.LAST_FRAG, 1, 5840, 5840, 0,
            List.of(new Pdu.ContextElement(0, EptMap.EPM, List.of(SyntaxId.NDR))), Optional.empty());
    assertArrayEquals(golden, bind.encode());
    assertArrayEquals(golden, Pdu.parse(golden).encode());
  }

  @Test
  void requestWithTrailerPadsTheStubTo16() throws Exception {
    byte[] stub = {1, 2, 3};
    Pdu.Request r =
        new Pdu.Request(3, 7, 3, 0, 0, stub,
            Optional.of(new AuthTrailer(10, 6, 13, 0x4C42, new byte[16])));
    byte[] golden =
        hex("05 00 00 03 10000000 4000 1000 07000000" // request, 64 bytes, auth length 16
            + "03000000 0000 0000" // alloc hint, context 0, opnum 0
            + "010203 00000000000000000000000000" // stub + 13 pad bytes
            + "0a 06 0d 00 424c0000" // NTLM, privacy, pad 13, context
            + "00000000000000000000000000000000"); // signature placeholder
    assertArrayEquals(golden, r.encode());
    Pdu.Request parsed = (Pdu.Request) Pdu.parse(golden);
    assertArrayEquals(stub, parsed.stub(), "padding is not part of the stub");
  }

  @Test
  void everyPduRoundTrips() throws Exception {
    List<Pdu> pdus =
        List.of(
            new Pdu.BindAck(false, 3, 1, 5840, 5840, 0x1234, "49152",
                List.of(new Pdu.ContextResult(0, 0, SyntaxId.NDR)),
                Optional.of(new AuthTrailer(10, 6, 0, 5, new byte[] {9, 9}))),
            new Pdu.BindNak(1, Pdu.BindNak.AUTHENTICATION_TYPE_NOT_RECOGNIZED),
            new Pdu.Auth3(1, Optional.of(new AuthTrailer(10, 6, 0, 5, new byte[] {1}))),
            new Pdu.Response(3, 2, 4, 0, new byte[] {1, 2, 3, 4}, Optional.empty()),
            new Pdu.Fault(3, 2, 0, Pdu.Fault.ACCESS_DENIED));
    for (Pdu p : pdus) {
      byte[] bytes = p.encode();
      assertArrayEquals(bytes, Pdu.parse(bytes).encode(), p.toString());
    }
  }

  @Test
  void headerChecks() {
    byte[] bad = new Pdu.Fault(3, 1, 0, 5).encode();
    bad[0] = 4;
    assertEquals("PDU version 4.0 is not 5.0",
        assertThrows(RpcException.class, () -> Pdu.parse(bad)).getMessage());
    byte[] shortened = java.util.Arrays.copyOf(new Pdu.Fault(3, 1, 0, 5).encode(), 20);
    assertEquals(RpcException.Kind.MALFORMED,
        assertThrows(RpcException.class, () -> Pdu.parse(shortened)).kind());
  }

  @Test
  void sealedFragmentsVerifyAndTamperingIsCaught() throws Exception {
    NtlmSession[] pair = sessions();
    byte[] stub = "the GetKey stub, sealed".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] frame =
        Privacy.seal(
            new Pdu.Request(3, 2, stub.length, 0, 0, stub, Privacy.trailer(stub.length, 5)).encode(),
            pair[0]);
    byte[] copy = frame.clone();
    Privacy.unseal(frame, pair[1]);
    assertArrayEquals(stub, ((Pdu.Request) Pdu.parse(frame)).stub());

    // A header byte is signed though not sealed: changing the call id breaks the signature.
    NtlmSession[] fresh = sessions();
    byte[] again =
        Privacy.seal(
            new Pdu.Request(3, 2, stub.length, 0, 0, stub, Privacy.trailer(stub.length, 5)).encode(),
            fresh[0]);
    again[12] ^= 1;
    assertEquals(RpcException.Kind.INTEGRITY,
        assertThrows(RpcException.class, () -> Privacy.unseal(again, fresh[1])).kind());
    assertEquals(copy.length, again.length);
  }

  private static NtlmSession[] sessions() throws RpcException {
    Clock clock = Clock.systemUTC();
    byte[] hash = NtHash.of(Secret.of("pw"));
    NtlmInitiator client = new NtlmInitiator("u", "D", hash, new SecureRandom(), clock);
    NtlmAcceptor server =
        new NtlmAcceptor((u, d) -> Optional.of(hash.clone()),
            new NtlmAcceptor.ServerNames("D", "S", "d.test", "s.d.test"), new SecureRandom(), clock);
    NtlmAcceptor.Accepted accepted =
        server.accept(client.authenticate(server.challenge(client.negotiate())));
    return new NtlmSession[] {client.session(), accepted.session()};
  }
}
