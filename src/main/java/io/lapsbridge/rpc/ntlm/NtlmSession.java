package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.LittleEndianWriter;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An established NTLM security context: per-direction signing keys, one RC4 stream per direction
 * and sequence numbers (MS-NLMP 3.4 with extended session security and 128-bit keys).
 *
 * <p>{@link #seal} is GSS_WrapEx for DCE/RPC: the checksum covers a longer span (the whole PDU up
 * to the auth trailer) than the sealed span (stub and padding). On one RC4 stream the order is:
 * checksum over the plaintext, encrypt the data, then encrypt the checksum (MS-NLMP 3.4.3).
 * Not thread-safe: one connection, one caller at a time.
 */
public final class NtlmSession {
  public static final int SIGNATURE_LENGTH = 16;

  private final byte[] sendSignKey;
  private final byte[] receiveSignKey;
  private final Cipher sendSeal;
  private final Cipher receiveSeal;
  private int sendSeq;
  private int receiveSeq;

  private NtlmSession(byte[] exportedKey, boolean initiator) {
    String signOut = initiator ? NtlmCrypto.CLIENT_SIGN : NtlmCrypto.SERVER_SIGN;
    String signIn = initiator ? NtlmCrypto.SERVER_SIGN : NtlmCrypto.CLIENT_SIGN;
    String sealOut = initiator ? NtlmCrypto.CLIENT_SEAL : NtlmCrypto.SERVER_SEAL;
    String sealIn = initiator ? NtlmCrypto.SERVER_SEAL : NtlmCrypto.CLIENT_SEAL;
    this.sendSignKey = NtlmCrypto.subKey(exportedKey, signOut);
    this.receiveSignKey = NtlmCrypto.subKey(exportedKey, signIn);
    byte[] outKey = NtlmCrypto.subKey(exportedKey, sealOut);
    byte[] inKey = NtlmCrypto.subKey(exportedKey, sealIn);
    this.sendSeal = NtlmCrypto.rc4(outKey);
    this.receiveSeal = NtlmCrypto.rc4(inKey);
    ByteArrays.wipe(outKey, inKey);
  }

  /** The client side of a context whose exported session key is {@code exportedKey}. */
  static NtlmSession initiator(byte[] exportedKey) {
    return new NtlmSession(exportedKey, true);
  }

  /** The server side. */
  static NtlmSession acceptor(byte[] exportedKey) {
    return new NtlmSession(exportedKey, false);
  }

  /**
   * Seals {@code message[sealOffset, sealOffset + sealLength)} in place and returns the
   * signature over the plaintext {@code message[0, signedLength)}.
   */
  public byte[] seal(byte[] message, int sealOffset, int sealLength, int signedLength) {
    byte[] checksum = checksum(sendSignKey, sendSeq, message, signedLength);
    byte[] sealed = sendSeal.update(message, sealOffset, sealLength);
    if (sealed != null) {
      System.arraycopy(sealed, 0, message, sealOffset, sealLength);
    }
    byte[] signature = signature(sendSeal.update(checksum), sendSeq);
    sendSeq++;
    return signature;
  }

  /**
   * Unseals {@code message[sealOffset, sealOffset + sealLength)} in place and verifies {@code
   * signature} over the resulting plaintext {@code message[0, signedLength)}.
   */
  public void unseal(
      byte[] message, int sealOffset, int sealLength, int signedLength, byte[] signature)
      throws RpcException {
    if (signature.length != SIGNATURE_LENGTH) {
      throw new RpcException(
          RpcException.Kind.INTEGRITY, "NTLM signature is " + signature.length + " bytes, not 16");
    }
    byte[] plain = receiveSeal.update(message, sealOffset, sealLength);
    if (plain != null) {
      System.arraycopy(plain, 0, message, sealOffset, sealLength);
    }
    byte[] expected =
        signature(
            receiveSeal.update(checksum(receiveSignKey, receiveSeq, message, signedLength)),
            receiveSeq);
    receiveSeq++;
    if (!MessageDigest.isEqual(expected, signature)) {
      throw new RpcException(
          RpcException.Kind.INTEGRITY,
          "NTLM signature of message " + (receiveSeq - 1) + " does not verify");
    }
  }

  private static byte[] checksum(byte[] signKey, int seq, byte[] message, int length) {
    try {
      Mac mac = Mac.getInstance("HmacMD5");
      mac.init(new SecretKeySpec(signKey, "HmacMD5"));
      mac.update(new LittleEndianWriter().i32(seq).toByteArray());
      mac.update(message, 0, length);
      return Arrays.copyOf(mac.doFinal(), 8);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-MD5 is missing from the JDK", e);
    }
  }

  private static byte[] signature(byte[] encryptedChecksum, int seq) {
    return new LittleEndianWriter().u32(1).bytes(encryptedChecksum).i32(seq).toByteArray();
  }

  /** Drops the signing keys; the RC4 states go with the object. */
  public void destroy() {
    ByteArrays.wipe(sendSignKey, receiveSignKey);
  }

  @Override
  public String toString() {
    return "NtlmSession[sent=" + sendSeq + ", received=" + receiveSeq + "]";
  }
}
