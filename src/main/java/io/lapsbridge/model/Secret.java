package io.lapsbridge.model;

import java.nio.CharBuffer;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A password or other secret that never prints itself.
 *
 * <p>{@link #toString()} is always {@code "****"} so that a secret cannot leak through logging,
 * exception messages or string concatenation by accident. The only way to get the characters is
 * {@link #reveal()} or {@link #chars()}, whose names make every disclosure visible in review.
 * {@link #close()} wipes the backing array.
 */
public final class Secret implements AutoCloseable {
  private final char[] value;
  private volatile boolean wiped;

  private Secret(char[] value) {
    this.value = value;
  }

  /** Takes ownership of {@code chars}; the caller must not reuse the array. */
  public static Secret adopt(char[] chars) {
    if (chars == null) {
      throw new IllegalArgumentException("secret characters must not be null");
    }
    return new Secret(chars);
  }

  /** Copies a string-held secret, for values that already arrived as a {@link String}. */
  public static Secret of(CharSequence text) {
    if (text == null) {
      throw new IllegalArgumentException("secret text must not be null");
    }
    char[] copy = new char[text.length()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = text.charAt(i);
    }
    return new Secret(copy);
  }

  /** Decodes UTF-8 bytes, for secrets read from files. A trailing CR/LF is not part of it. */
  public static Secret fromUtf8Line(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    CharBuffer decoded = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
    char[] chars = new char[decoded.remaining()];
    decoded.get(chars);
    if (decoded.hasArray()) {
      Arrays.fill(decoded.array(), '\0');
    }
    return new Secret(chars);
  }

  /** The secret as a string. Call only where the secret is meant to leave the process. */
  public String reveal() {
    return new String(checked());
  }

  /** A copy of the characters; the caller should wipe it after use. */
  public char[] chars() {
    return checked().clone();
  }

  /** The secret encoded as UTF-8; the caller should wipe it after use. */
  public byte[] utf8() {
    java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(checked()));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), encoded.arrayOffset(),
          encoded.arrayOffset() + encoded.capacity(), (byte) 0);
    }
    return bytes;
  }

  public int length() {
    return checked().length;
  }

  public boolean isEmpty() {
    return length() == 0;
  }

  /** Constant-time comparison, so that a comparison does not leak a prefix through timing. */
  public boolean sameAs(Secret other) {
    byte[] mine = utf8();
    byte[] theirs = other.utf8();
    try {
      return MessageDigest.isEqual(mine, theirs);
    } finally {
      Arrays.fill(mine, (byte) 0);
      Arrays.fill(theirs, (byte) 0);
    }
  }

  private char[] checked() {
    if (wiped) {
      throw new IllegalStateException("secret was already wiped");
    }
    return value;
  }

  @Override
  public void close() {
    Arrays.fill(value, '\0');
    wiped = true;
  }

  /** Secrets compare by identity: value equality would invite non-constant-time comparisons. */
  @Override
  public String toString() {
    return "****";
  }
}
