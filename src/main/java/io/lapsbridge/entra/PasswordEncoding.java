package io.lapsbridge.entra;

import io.lapsbridge.model.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * How the bytes of a {@code passwordBase64} were text: Microsoft's documentation samples are
 * UTF-16LE, while several community tools write and read UTF-8.
 *
 * <p>The rule: UTF-8 never holds a zero byte for a password (a NUL is no password character),
 * while UTF-16LE of the mostly ASCII passwords Windows LAPS generates has every second byte zero.
 * So bytes with a zero byte are UTF-16LE (even length, strict decoding), bytes without are UTF-8
 * (strict decoding), and anything else is an error. "Decodes as printable UTF-16LE" would be no
 * test: the UTF-8 bytes of an even-length ASCII password decode as printable CJK text.
 */
public enum PasswordEncoding {
  UTF_16LE("UTF-16LE"),
  UTF_8("UTF-8");

  private final String label;

  PasswordEncoding(String label) {
    this.label = label;
  }

  /** The charset's name, as reports print it. */
  public String label() {
    return label;
  }

  /**
   * A decoded password and the encoding it was found in.
   *
   * @param password the password
   * @param encoding which decoding was used
   */
  public record Decoded(Secret password, PasswordEncoding encoding) {
    @Override
    public String toString() {
      return "Decoded[password=****, " + encoding + "]";
    }
  }

  /**
   * Decodes {@code passwordBase64}. The message of a failure describes the bytes, never shows
   * them.
   *
   * @throws IllegalArgumentException when it is not base64, or neither UTF-16LE nor UTF-8
   */
  public static Decoded decode(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("passwordBase64 is not base64");
    }
    try {
      if (bytes.length == 0) {
        throw new IllegalArgumentException("passwordBase64 is empty");
      }
      boolean zero = false;
      for (byte b : bytes) {
        zero |= b == 0;
      }
      PasswordEncoding encoding = zero ? UTF_16LE : UTF_8;
      if (zero && bytes.length % 2 != 0) {
        throw new IllegalArgumentException("passwordBase64 holds zero bytes (UTF-16LE) but an odd"
            + " number of bytes (" + bytes.length + ")");
      }
      char[] chars = strict(bytes, zero ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8,
          encoding);
      for (char c : chars) {
        if (c == 0) {
          Arrays.fill(chars, '\0');
          throw new IllegalArgumentException("passwordBase64 decodes as " + encoding.label
              + " to text with a NUL character");
        }
      }
      return new Decoded(Secret.adopt(chars), encoding);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The bytes of {@code password} in this encoding, base64: what a device uploads. */
  public String encode(Secret password) {
    byte[] bytes = new String(password.chars()).getBytes(
        this == UTF_16LE ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8);
    try {
      return Base64.getEncoder().encodeToString(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static char[] strict(byte[] bytes, Charset charset, PasswordEncoding encoding) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer decoded = decoder.decode(ByteBuffer.wrap(bytes));
      char[] chars = new char[decoded.remaining()];
      decoded.get(chars);
      if (decoded.hasArray()) {
        Arrays.fill(decoded.array(), '\0');
      }
      return chars;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("passwordBase64 is neither UTF-16LE nor UTF-8 text"
          + " (" + bytes.length + " bytes, not valid " + encoding.label + ")");
    }
  }
}
