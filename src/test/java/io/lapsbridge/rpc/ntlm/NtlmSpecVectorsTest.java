package io.lapsbridge.rpc.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * MS-NLMP 4.2.4 (NTLMv2 authentication) reproduced byte for byte: user "User", domain "Domain",
 * password "Password", server challenge 0123456789abcdef, client challenge aa×8, time 0, random
 * session key 55×16, target info (NetBIOS domain "Domain", NetBIOS server "Server").
 */
class NtlmSpecVectorsTest {
  static final byte[] SERVER_CHALLENGE = hex("0123456789abcdef");
  static final byte[] CLIENT_CHALLENGE = hex("aaaaaaaaaaaaaaaa");
  static final byte[] RANDOM_SESSION_KEY = hex("55555555555555555555555555555555");
  static final AvPairs TARGET_INFO =
      AvPairs.of(
          AvPairs.AvPair.text(AvPairs.NB_DOMAIN_NAME, "Domain"),
          AvPairs.AvPair.text(AvPairs.NB_COMPUTER_NAME, "Server"));

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static byte[] ntowf() {
    return NtlmCrypto.ntowfV2(NtHash.of(Secret.of("Password")), "User", "Domain");
  }

  /**
   * The blob as 3.3.2 builds it: the 2.2.2.7 structure up to MsvAvEOL, then Z(4). The vector's
   * NTProofStr comes out with exactly these four zero bytes after MsvAvEOL; without them (or
   * with more) it does not (checked in {@link #ntProofStrNeedsExactlyTheTrailingZ4}).
   */
  private static byte[] blob() {
    return new NtlmV2ClientChallenge(0, CLIENT_CHALLENGE, TARGET_INFO).encodeAsWindowsSends();
  }

  @Test
  void ntProofStrNeedsExactlyTheTrailingZ4() {
    byte[] bare = new NtlmV2ClientChallenge(0, CLIENT_CHALLENGE, TARGET_INFO).encode();
    byte[] expected = hex("68cd0ab851e51c96aabc927bebef6a1c");
    assertFalse(java.util.Arrays.equals(
        expected, NtlmCrypto.ntProofStr(ntowf(), SERVER_CHALLENGE, bare)));
    assertFalse(java.util.Arrays.equals(
        expected,
        NtlmCrypto.ntProofStr(ntowf(), SERVER_CHALLENGE, java.util.Arrays.copyOf(bare, bare.length + 8))));
  }

  @Test
  void ntHashOfPassword() {
    assertArrayEquals(hex("a4f49c406510bdcab6824ee7c30fd852"), NtHash.of(Secret.of("Password")));
  }

  @Test
  void targetInfoBytesOfTheChallengeMessage() {
    assertArrayEquals(
        hex("02000c0044006f006d00610069006e00 01000c00530065007200760065007200 00000000"),
        TARGET_INFO.encode());
  }

  @Test
  void ntowfV2() {
    assertArrayEquals(hex("0c868a403bfd7a93a3001ef22ef02e3f"), ntowf());
  }

  @Test
  void lmV2Response() {
    assertArrayEquals(
        hex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa"),
        NtlmCrypto.lmV2Response(ntowf(), SERVER_CHALLENGE, CLIENT_CHALLENGE));
  }

  @Test
  void ntProofStr() {
    assertArrayEquals(
        hex("68cd0ab851e51c96aabc927bebef6a1c"),
        NtlmCrypto.ntProofStr(ntowf(), SERVER_CHALLENGE, blob()));
  }

  @Test
  void sessionBaseKey() {
    byte[] proof = NtlmCrypto.ntProofStr(ntowf(), SERVER_CHALLENGE, blob());
    assertArrayEquals(
        hex("8de40ccadbc14a82f15cb0ad0de95ca3"), NtlmCrypto.sessionBaseKey(ntowf(), proof));
  }

  @Test
  void encryptedRandomSessionKey() {
    byte[] proof = NtlmCrypto.ntProofStr(ntowf(), SERVER_CHALLENGE, blob());
    byte[] keyExchangeKey = NtlmCrypto.sessionBaseKey(ntowf(), proof);
    assertArrayEquals(
        hex("c5dad2544fc9799094ce1ce90bc9d03e"),
        NtlmCrypto.rc4Once(keyExchangeKey, RANDOM_SESSION_KEY));
  }

  @Test
  void clientSealingAndSigningKeys() {
    assertArrayEquals(
        hex("59f600973cc4960a25480a7c196e4c58"),
        NtlmCrypto.subKey(RANDOM_SESSION_KEY, NtlmCrypto.CLIENT_SEAL));
    assertArrayEquals(
        hex("4788dc861b4782f35d43fd98fe1a2d39"),
        NtlmCrypto.subKey(RANDOM_SESSION_KEY, NtlmCrypto.CLIENT_SIGN));
  }

  /** 4.2.4.4: "Plaintext" in UTF-16LE, sequence number 0, sealed and signed by the client. */
  @Test
  void gssWrapExSealedMessageAndSignature() throws Exception {
    byte[] message = "Plaintext".getBytes(StandardCharsets.UTF_16LE);
    NtlmSession client = NtlmSession.initiator(RANDOM_SESSION_KEY);
    byte[] signature = client.seal(message, 0, message.length, message.length);
    assertArrayEquals(hex("54e50165bf1936dc996020c1811b0f06fb5f"), message);
    assertArrayEquals(hex("010000007fb38ec5c55d497600000000"), signature);

    // The acceptor receives on the client-to-server stream: it recovers and verifies it.
    byte[] sealed = message.clone();
    NtlmSession.acceptor(RANDOM_SESSION_KEY)
        .unseal(sealed, 0, sealed.length, sealed.length, signature);
    assertEquals("Plaintext", new String(sealed, StandardCharsets.UTF_16LE));
  }
}
