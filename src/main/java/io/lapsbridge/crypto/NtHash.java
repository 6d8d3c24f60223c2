package io.lapsbridge.crypto;

import io.lapsbridge.model.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The NT hash of a password, MD4(UTF-16LE(password)), the key NTLM derives everything from. MD4
 * is registered by no JDK provider, so it comes from BouncyCastle's lightweight digest; this is
 * the one class outside ASN.1 that may use BouncyCastle (see CryptoArchitectureTest). The hash is
 * a password equivalent: callers wipe it.
 */
public final class NtHash {
  public static final int LENGTH = 16;

  private NtHash() {}

  /** MD4 of the UTF-16LE password; the caller owns and should wipe the result. */
  public static byte[] of(Secret password) {
    char[] chars = password.chars();
    ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(chars));
    Arrays.fill(chars, '\0');
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), encoded.arrayOffset(),
          encoded.arrayOffset() + encoded.capacity(), (byte) 0);
    }
    try {
      return md4(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** MD4 of raw bytes. */
  public static byte[] md4(byte[] data) {
    MD4Digest digest = new MD4Digest();
    digest.update(data, 0, data.length);
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    digest.reset();
    return out;
  }
}
