package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.rpc.RpcException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The client side of NTLMv2 (MS-NLMP 3.1.5): NEGOTIATE, then AUTHENTICATE for the server's
 * CHALLENGE, then an {@link NtlmSession}. Sends a MIC (and MsvAvFlags 0x2) when the server sent
 * a timestamp, as 3.1.5.1.2 asks; refuses servers that cannot do 128-bit extended session
 * security with sealing. Single use.
 */
public final class NtlmInitiator {
  private final String user;
  private final String domain;
  private final byte[] ntHash;
  private final SecureRandom random;
  private final Clock clock;
  private byte[] negotiate;
  private NtlmSession session;

  /**
   * @param ntHash the user's NT hash; copied, and wiped once AUTHENTICATE is built
   */
  public NtlmInitiator(
      String user, String domain, byte[] ntHash, SecureRandom random, Clock clock) {
    if (user == null || user.isEmpty() || domain == null || ntHash == null
        || ntHash.length != 16) {
      throw new IllegalArgumentException("NTLM needs a user, a domain and a 16-byte NT hash");
    }
    this.user = user;
    this.domain = domain;
    this.ntHash = ntHash.clone();
    this.random = random;
    this.clock = clock;
  }

  /** The NEGOTIATE message. */
  public byte[] negotiate() {
    negotiate = new NtlmMessage.Negotiate(NtlmFlags.CLIENT_DEFAULT).encode();
    return negotiate.clone();
  }

  /** The AUTHENTICATE message answering {@code challengeBytes}. */
  public byte[] authenticate(byte[] challengeBytes) throws RpcException {
    if (negotiate == null || session != null) {
      throw new IllegalStateException("authenticate follows negotiate, once");
    }
    if (!(NtlmMessage.parse(challengeBytes) instanceof NtlmMessage.Challenge challenge)) {
      throw new RpcException(RpcException.Kind.PROTOCOL, "expected an NTLM CHALLENGE message");
    }
    int flags = challenge.flags() & NtlmFlags.CLIENT_DEFAULT;
    if (!NtlmFlags.has(flags, NtlmFlags.REQUIRED)) {
      throw new RpcException(
          RpcException.Kind.STRONGER_AUTHENTICATION_REQUIRED,
          "the server does not offer NTLMv2 with 128-bit sealing (flags 0x"
              + Integer.toHexString(challenge.flags()) + ")");
    }
    java.util.Optional<Long> serverTime = challenge.targetInfo().timestamp();
    long time = serverTime.orElseGet(this::now);
    AvPairs pairs =
        serverTime.isPresent()
            ? challenge.targetInfo().withFlags(
                challenge.targetInfo().flags() | AvPairs.FLAG_MIC_PRESENT)
            : challenge.targetInfo();
    byte[] clientChallenge = new byte[8];
    random.nextBytes(clientChallenge);
    byte[] blob = new NtlmV2ClientChallenge(time, clientChallenge, pairs).encodeAsWindowsSends();

    byte[] ntowf = NtlmCrypto.ntowfV2(ntHash, user, domain);
    byte[] serverChallenge = challenge.serverChallenge();
    byte[] proof = NtlmCrypto.ntProofStr(ntowf, serverChallenge, blob);
    byte[] lm =
        serverTime.isPresent()
            ? new byte[24] // 3.1.5.1.2: no LMv2 response when the server sent a timestamp
            : NtlmCrypto.lmV2Response(ntowf, serverChallenge, clientChallenge);
    byte[] baseKey = NtlmCrypto.sessionBaseKey(ntowf, proof);
    byte[] exported;
    byte[] encryptedKey;
    if (NtlmFlags.has(flags, NtlmFlags.KEY_EXCH)) {
      exported = new byte[16];
      random.nextBytes(exported);
      encryptedKey = NtlmCrypto.rc4Once(baseKey, exported);
    } else {
      exported = baseKey.clone();
      encryptedKey = new byte[0];
    }
    NtlmMessage.Authenticate message =
        new NtlmMessage.Authenticate(
            flags | NtlmFlags.VERSION, lm, ByteArrays.concat(proof, blob), domain, user, "",
            encryptedKey, new byte[16]);
    if (serverTime.isPresent()) {
      byte[] mic =
          NtlmCrypto.hmacMd5(
              exported, ByteArrays.concat(negotiate, challengeBytes, message.encode()));
      message = message.withMic(mic);
    }
    session = NtlmSession.initiator(exported);
    ByteArrays.wipe(ntHash, ntowf, baseKey, exported);
    return message.encode();
  }

  /** The security context, once {@link #authenticate} has run. */
  public NtlmSession session() {
    if (session == null) {
      throw new IllegalStateException("NTLM authentication has not completed");
    }
    return session;
  }

  private long now() {
    // FILETIME: 100 ns ticks since 1601-01-01.
    return (clock.millis() + 11_644_473_600_000L) * 10_000L;
  }

  @Override
  public String toString() {
    return "NtlmInitiator[" + domain + "\\" + user + "]";
  }
}
