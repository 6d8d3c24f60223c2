package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.LittleEndianWriter;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The server side of NTLMv2 (MS-NLMP 3.2.5): a CHALLENGE for the client's NEGOTIATE, then the
 * AUTHENTICATE checked against the account's NT hash. Refuses anonymous, LM and NTLMv1
 * responses, and checks the MIC whenever the client says it sent one. Every refusal is an {@link
 * RpcException.Kind#AUTHENTICATION_FAILED}; its detail is for the server's side only, since the
 * DCE layer answers the client with fault 5 whatever went wrong, as a DC does. Single use.
 */
public final class NtlmAcceptor {
  /** NTProofStr, then at least the fixed 28 bytes of the client challenge and MsvAvEOL. */
  private static final int MIN_NTLMV2_RESPONSE = 16 + 28 + 4;

  private static final int SUPPORTED =
      NtlmFlags.UNICODE | NtlmFlags.SIGN | NtlmFlags.SEAL | NtlmFlags.NTLM
          | NtlmFlags.ALWAYS_SIGN | NtlmFlags.EXTENDED_SESSION_SECURITY | NtlmFlags.VERSION
          | NtlmFlags.NEGOTIATE_128 | NtlmFlags.KEY_EXCH | NtlmFlags.NEGOTIATE_56;

  /** The server's names, as a DC puts them into the CHALLENGE's target info. */
  public record ServerNames(
      String netbiosDomain, String netbiosComputer, String dnsDomain, String dnsComputer) {}

  /** A successful authentication: who, and the security context. */
  public record Accepted(String user, String domain, NtlmSession session) {}

  private final NtlmAccounts accounts;
  private final ServerNames names;
  private final SecureRandom random;
  private final Clock clock;
  private byte[] negotiate;
  private byte[] challenge;
  private byte[] serverChallenge;

  public NtlmAcceptor(
      NtlmAccounts accounts, ServerNames names, SecureRandom random, Clock clock) {
    this.accounts = accounts;
    this.names = names;
    this.random = random;
    this.clock = clock;
  }

  /** The CHALLENGE answering a NEGOTIATE. */
  public byte[] challenge(byte[] negotiateBytes) throws RpcException {
    if (!(NtlmMessage.parse(negotiateBytes) instanceof NtlmMessage.Negotiate n)) {
      throw new RpcException(RpcException.Kind.PROTOCOL, "expected an NTLM NEGOTIATE message");
    }
    if (!NtlmFlags.has(n.flags(), NtlmFlags.REQUIRED)) {
      throw new RpcException(
          RpcException.Kind.STRONGER_AUTHENTICATION_REQUIRED,
          "the client does not ask for NTLMv2 with 128-bit sealing");
    }
    serverChallenge = new byte[8];
    random.nextBytes(serverChallenge);
    long now = (clock.millis() + 11_644_473_600_000L) * 10_000L;
    AvPairs info =
        AvPairs.of(
            AvPairs.AvPair.text(AvPairs.NB_DOMAIN_NAME, names.netbiosDomain()),
            AvPairs.AvPair.text(AvPairs.NB_COMPUTER_NAME, names.netbiosComputer()),
            AvPairs.AvPair.text(AvPairs.DNS_DOMAIN_NAME, names.dnsDomain()),
            AvPairs.AvPair.text(AvPairs.DNS_COMPUTER_NAME, names.dnsComputer()),
            AvPairs.AvPair.text(AvPairs.DNS_TREE_NAME, names.dnsDomain()),
            new AvPairs.AvPair(AvPairs.TIMESTAMP, new LittleEndianWriter().u64(now).toByteArray()));
    int flags =
        (n.flags() & SUPPORTED) | NtlmFlags.TARGET_INFO | NtlmFlags.TARGET_TYPE_DOMAIN
            | NtlmFlags.VERSION;
    negotiate = negotiateBytes.clone();
    challenge =
        new NtlmMessage.Challenge(flags, names.netbiosDomain(), serverChallenge, info).encode();
    return challenge.clone();
  }

  /** Checks an AUTHENTICATE; on success the context is ready for sealing. */
  public Accepted accept(byte[] authenticateBytes) throws RpcException {
    if (challenge == null) {
      throw new IllegalStateException("accept follows challenge");
    }
    if (!(NtlmMessage.parse(authenticateBytes) instanceof NtlmMessage.Authenticate auth)) {
      throw new RpcException(RpcException.Kind.PROTOCOL, "expected an NTLM AUTHENTICATE message");
    }
    if (auth.user().isEmpty()) {
      throw failed("anonymous NTLM is refused");
    }
    byte[] nt = auth.ntResponse();
    if (nt.length < MIN_NTLMV2_RESPONSE) {
      throw failed("LM and NTLMv1 responses are refused");
    }
    if (!NtlmFlags.has(auth.flags(), NtlmFlags.REQUIRED)) {
      throw new RpcException(
          RpcException.Kind.STRONGER_AUTHENTICATION_REQUIRED,
          "the client did not negotiate 128-bit sealing with extended session security");
    }
    byte[] proof = java.util.Arrays.copyOf(nt, 16);
    byte[] blob = java.util.Arrays.copyOfRange(nt, 16, nt.length);
    NtlmV2ClientChallenge parsed = NtlmV2ClientChallenge.parse(blob);
    Optional<byte[]> hash = accounts.ntHash(auth.user(), auth.domain());
    if (hash.isEmpty()) {
      throw failed("no such account");
    }
    byte[] ntowf = NtlmCrypto.ntowfV2(hash.get(), auth.user(), auth.domain());
    ByteArrays.wipe(hash.get());
    byte[] expected = NtlmCrypto.ntProofStr(ntowf, serverChallenge, blob);
    if (!MessageDigest.isEqual(expected, proof)) {
      ByteArrays.wipe(ntowf);
      throw failed("wrong NTLMv2 response");
    }
    byte[] baseKey = NtlmCrypto.sessionBaseKey(ntowf, proof);
    ByteArrays.wipe(ntowf);
    byte[] exported;
    if (NtlmFlags.has(auth.flags(), NtlmFlags.KEY_EXCH)) {
      byte[] encrypted = auth.encryptedSessionKey();
      if (encrypted.length != 16) {
        ByteArrays.wipe(baseKey);
        throw failed("the encrypted session key is not 16 bytes");
      }
      exported = NtlmCrypto.rc4Once(baseKey, encrypted);
    } else {
      exported = baseKey.clone();
    }
    ByteArrays.wipe(baseKey);
    if ((parsed.avPairs().flags() & AvPairs.FLAG_MIC_PRESENT) != 0) {
      byte[] zeroed = authenticateBytes.clone();
      if (zeroed.length < NtlmMessage.Authenticate.MIC_OFFSET + 16) {
        throw failed("the MIC is missing");
      }
      java.util.Arrays.fill(zeroed, NtlmMessage.Authenticate.MIC_OFFSET,
          NtlmMessage.Authenticate.MIC_OFFSET + 16, (byte) 0);
      byte[] mic = NtlmCrypto.hmacMd5(exported, ByteArrays.concat(negotiate, challenge, zeroed));
      if (!MessageDigest.isEqual(mic, auth.mic())) {
        ByteArrays.wipe(exported);
        throw failed("the MIC does not verify");
      }
    }
    NtlmSession session = NtlmSession.acceptor(exported);
    ByteArrays.wipe(exported);
    return new Accepted(auth.user(), auth.domain(), session);
  }

  private static RpcException failed(String detail) {
    return new RpcException(
        RpcException.Kind.AUTHENTICATION_FAILED, "NTLM authentication failed: " + detail);
  }
}
