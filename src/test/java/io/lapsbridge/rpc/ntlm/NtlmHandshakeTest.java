package io.lapsbridge.rpc.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.RpcException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Initiator against acceptor: the happy path with MIC and key exchange, and every refusal. */
class NtlmHandshakeTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
  static final byte[] HASH = NtHash.of(Secret.of("reader-secret"));
  static final NtlmAcceptor.ServerNames NAMES =
      new NtlmAcceptor.ServerNames("EXAMPLE", "DC1", "example.com", "dc1.example.com");

  static NtlmAcceptor acceptor() {
    return new NtlmAcceptor(
        (user, domain) -> user.equalsIgnoreCase("helpdesk") ? Optional.of(HASH.clone()) : Optional.empty(),
        NAMES, new SecureRandom(), CLOCK);
  }

  static NtlmInitiator initiator(String user, String password) {
    return new NtlmInitiator(user, "EXAMPLE", NtHash.of(Secret.of(password)), new SecureRandom(), CLOCK);
  }

  @Test
  void handshakeWithMicAndKeyExchangeGivesMatchingSessions() throws Exception {
    NtlmInitiator client = initiator("helpdesk", "reader-secret");
    NtlmAcceptor server = acceptor();
    byte[] challenge = server.challenge(client.negotiate());
    NtlmMessage.Challenge parsed = (NtlmMessage.Challenge) NtlmMessage.parse(challenge);
    assertTrue(parsed.targetInfo().timestamp().isPresent(), "a DC sends MsvAvTimestamp");
    byte[] authenticate = client.authenticate(challenge);
    NtlmMessage.Authenticate auth = (NtlmMessage.Authenticate) NtlmMessage.parse(authenticate);
    assertArrayEquals(new byte[24], auth.lmResponse(), "no LMv2 response beside a timestamp");
    assertEquals(16, auth.encryptedSessionKey().length, "KEY_EXCH");
    assertTrue(NtlmFlags.has(auth.flags(), NtlmFlags.KEY_EXCH | NtlmFlags.SEAL | NtlmFlags.NEGOTIATE_128));
    NtlmAcceptor.Accepted accepted = server.accept(authenticate);
    assertEquals("helpdesk", accepted.user());
    assertEquals("EXAMPLE", accepted.domain());

    for (int i = 0; i < 3; i++) {
      byte[] up = ("request " + i).getBytes(StandardCharsets.UTF_8);
      byte[] sig = client.session().seal(up, 0, up.length, up.length);
      accepted.session().unseal(up, 0, up.length, up.length, sig);
      assertEquals("request " + i, new String(up, StandardCharsets.UTF_8));
      byte[] down = ("response " + i).getBytes(StandardCharsets.UTF_8);
      byte[] sig2 = accepted.session().seal(down, 2, down.length - 2, down.length);
      client.session().unseal(down, 2, down.length - 2, down.length, sig2);
      assertEquals("response " + i, new String(down, StandardCharsets.UTF_8));
    }
  }

  @Test
  void tamperedSealedMessageFailsIntegrity() throws Exception {
    NtlmInitiator client = initiator("helpdesk", "reader-secret");
    NtlmAcceptor server = acceptor();
    NtlmAcceptor.Accepted accepted = server.accept(client.authenticate(server.challenge(client.negotiate())));
    byte[] m = "stub".getBytes(StandardCharsets.UTF_8);
    byte[] sig = client.session().seal(m, 0, m.length, m.length);
    m[1] ^= 1;
    RpcException e =
        assertThrows(RpcException.class, () -> accepted.session().unseal(m, 0, m.length, m.length, sig));
    assertEquals(RpcException.Kind.INTEGRITY, e.kind());
  }

  @Test
  void wrongPasswordUnknownUserAndTamperedMicAreRefused() throws Exception {
    for (String[] c : new String[][] {{"helpdesk", "wrong"}, {"nobody", "reader-secret"}}) {
      NtlmInitiator client = initiator(c[0], c[1]);
      NtlmAcceptor server = acceptor();
      byte[] auth = client.authenticate(server.challenge(client.negotiate()));
      RpcException e = assertThrows(RpcException.class, () -> server.accept(auth));
      assertEquals(RpcException.Kind.AUTHENTICATION_FAILED, e.kind());
    }
    NtlmInitiator client = initiator("helpdesk", "reader-secret");
    NtlmAcceptor server = acceptor();
    byte[] auth = client.authenticate(server.challenge(client.negotiate()));
    auth[NtlmMessage.Authenticate.MIC_OFFSET] ^= 1;
    RpcException e = assertThrows(RpcException.class, () -> server.accept(auth));
    assertEquals("NTLM authentication failed: the MIC does not verify", e.getMessage());
  }

  @Test
  void ntlmV1AndAnonymousResponsesAreRefused() throws Exception {
    NtlmAcceptor server = acceptor();
    server.challenge(new NtlmMessage.Negotiate(NtlmFlags.CLIENT_DEFAULT).encode());
    byte[] v1 =
        new NtlmMessage.Authenticate(NtlmFlags.CLIENT_DEFAULT, new byte[24], new byte[24], "EXAMPLE",
            "helpdesk", "", new byte[16], new byte[16]).encode();
    RpcException e = assertThrows(RpcException.class, () -> server.accept(v1));
    assertEquals("NTLM authentication failed: LM and NTLMv1 responses are refused", e.getMessage());
    byte[] anonymous =
        new NtlmMessage.Authenticate(NtlmFlags.CLIENT_DEFAULT, new byte[0], new byte[0], "", "", "",
            new byte[0], new byte[16]).encode();
    assertEquals(RpcException.Kind.AUTHENTICATION_FAILED,
        assertThrows(RpcException.class, () -> server.accept(anonymous)).kind());
  }

  @Test
  void serverWithoutSealingIsRefusedByTheClient() throws Exception {
    NtlmInitiator client = initiator("helpdesk", "reader-secret");
    client.negotiate();
    byte[] weak =
        new NtlmMessage.Challenge(NtlmFlags.UNICODE | NtlmFlags.NTLM | NtlmFlags.SIGN, "EXAMPLE",
            new byte[8], io.lapsbridge.rpc.ntlm.AvPairs.of()).encode();
    RpcException e = assertThrows(RpcException.class, () -> client.authenticate(weak));
    assertEquals(RpcException.Kind.STRONGER_AUTHENTICATION_REQUIRED, e.kind());
  }

  @Test
  void messagesRoundTripThroughTheirBytes() throws Exception {
    NtlmInitiator client = initiator("helpdesk", "reader-secret");
    NtlmAcceptor server = acceptor();
    byte[] negotiate = client.negotiate();
    byte[] challenge = server.challenge(negotiate);
    byte[] authenticate = client.authenticate(challenge);
    for (byte[] m : new byte[][] {negotiate, challenge, authenticate}) {
      assertArrayEquals(m, NtlmMessage.parse(m).encode());
    }
  }
}
