package io.lapsbridge.crypto;

import io.lapsbridge.model.ByteArrays;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two KDFs of MS-GKDI, on JDK primitives (package-private). */
final class Kdf {
  /** "KDS service" as UTF-16Z: the SP 800-108 label of every MS-GKDI derivation. */
  static final byte[] KDS_SERVICE = Bytes.utf16z("KDS service");
  /** "KDS public key" as UTF-16Z: context of the public-key KEK step and concat-KDF party U. */
  static final byte[] KDS_PUBLIC_KEY = Bytes.utf16z("KDS public key");
  /** The concat-KDF AlgorithmID is always "SHA512", whatever hash the group uses. */
  private static final byte[] CONCAT_OTHER_INFO =
      ByteArrays.concat(Bytes.utf16z("SHA512"), KDS_PUBLIC_KEY, KDS_SERVICE);

  private Kdf() {}

  /**
   * NIST SP 800-108 counter mode with HMAC: T(i) = HMAC(key, [i]₃₂ ‖ label ‖ 0x00 ‖ context ‖
   * [8·length]₃₂), integers big-endian. The 0x00 separator comes after the label's own NUL.
   */
  static byte[] sp800108(KdfHash hash, byte[] key, byte[] context, int length) {
    return sp800108(hash, key, KDS_SERVICE, context, length);
  }

  /** {@link #sp800108(KdfHash, byte[], byte[], int)} with another label (UTF-16Z). */
  static byte[] sp800108(KdfHash hash, byte[] key, byte[] label, byte[] context, int length) {
    try {
      Mac mac = Mac.getInstance(hash.hmacAlgorithm());
      mac.init(new SecretKeySpec(key, hash.hmacAlgorithm()));
      byte[] out = new byte[length];
      byte[] bits = Bytes.be32(length * 8);
      int done = 0;
      for (int i = 1; done < length; i++) {
        mac.update(Bytes.be32(i));
        mac.update(label);
        mac.update((byte) 0);
        mac.update(context);
        mac.update(bits);
        byte[] block = mac.doFinal();
        int n = Math.min(block.length, length - done);
        System.arraycopy(block, 0, out, done, n);
        ByteArrays.wipe(block);
        done += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + hash.hmacAlgorithm(), e);
    }
  }

  /**
   * SP 800-56A single-step KDF as BCryptDeriveKey(SP800_56A_CONCAT) runs it for MS-GKDI: one
   * block, Hash([1]₃₂ ‖ Z ‖ OtherInfo), output the full digest.
   */
  static byte[] concat(String digest, byte[] z) {
    try {
      MessageDigest md = MessageDigest.getInstance(digest);
      md.update(Bytes.be32(1));
      md.update(z);
      md.update(CONCAT_OTHER_INFO);
      return md.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + digest, e);
    }
  }
}
