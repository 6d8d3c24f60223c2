package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.model.ByteArrays;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The NTLMv2 formulas of MS-NLMP 3.3.2 and 3.4.5, over JDK primitives. Package-private so that
 * keys stay inside {@code ntlm}; the tests reproduce MS-NLMP 4.2.4 through it.
 */
final class NtlmCrypto {
  static final String CLIENT_SIGN = "session key to client-to-server signing key magic constant";
  static final String CLIENT_SEAL = "session key to client-to-server sealing key magic constant";
  static final String SERVER_SIGN = "session key to server-to-client signing key magic constant";
  static final String SERVER_SEAL = "session key to server-to-client sealing key magic constant";

  private NtlmCrypto() {}

  /** NTOWFv2 = HMAC-MD5(NT hash, UTF-16LE(upper(user) + domain)). */
  static byte[] ntowfV2(byte[] ntHash, String user, String domain) {
    return hmacMd5(
        ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
  }

  /** NTProofStr = HMAC-MD5(NTOWFv2, server challenge ‖ client blob). */
  static byte[] ntProofStr(byte[] ntowfV2, byte[] serverChallenge, byte[] clientBlob) {
    return hmacMd5(ntowfV2, ByteArrays.concat(serverChallenge, clientBlob));
  }

  /** The LMv2 response: HMAC-MD5(NTOWFv2, server ‖ client challenge) ‖ client challenge. */
  static byte[] lmV2Response(byte[] ntowfV2, byte[] serverChallenge, byte[] clientChallenge) {
    return ByteArrays.concat(hmacMd5(ntowfV2, ByteArrays.concat(serverChallenge, clientChallenge)), clientChallenge);
  }

  /** SessionBaseKey = HMAC-MD5(NTOWFv2, NTProofStr); with NTLMv2 it is the key exchange key. */
  static byte[] sessionBaseKey(byte[] ntowfV2, byte[] ntProofStr) {
    return hmacMd5(ntowfV2, ntProofStr);
  }

  /** SIGNKEY / SEALKEY with 128-bit extended session security: MD5(key ‖ constant ‖ NUL). */
  static byte[] subKey(byte[] exportedKey, String magic) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(exportedKey);
      md5.update(magic.getBytes(StandardCharsets.US_ASCII));
      md5.update((byte) 0);
      return md5.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is missing from the JDK", e);
    }
  }

  static byte[] hmacMd5(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacMD5");
      mac.init(new SecretKeySpec(key, "HmacMD5"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-MD5 is missing from the JDK", e);
    }
  }

  /** A fresh RC4 stream; SunJCE calls it ARCFOUR. */
  static Cipher rc4(byte[] key) {
    try {
      Cipher c = Cipher.getInstance("ARCFOUR");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RC4 (ARCFOUR) is missing from the JDK", e);
    }
  }

  /** One-shot RC4, for the encrypted random session key. */
  static byte[] rc4Once(byte[] key, byte[] data) {
    return rc4(key).update(data);
  }

}
