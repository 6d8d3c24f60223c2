package io.lapsbridge.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.regex.Pattern;

/**
 * The two forms of a Windows security identifier: text {@code S-1-5-21-...} and the binary form
 * AD stores in {@code objectSid} (revision, sub-authority count, 48-bit big-endian authority,
 * then little-endian 32-bit sub-authorities).
 */
public final class SecurityIdentifier {
  private static final Pattern TEXT = Pattern.compile("S-1-\\d{1,15}(-\\d{1,10}){1,15}");

  private SecurityIdentifier() {}

  /** Whether {@code text} is a SID in {@code S-1-...} form with in-range parts. */
  public static boolean isValid(String text) {
    if (text == null || !TEXT.matcher(text).matches()) {
      return false;
    }
    String[] parts = text.split("-");
    if (Long.parseLong(parts[2]) >= 1L << 48) {
      return false;
    }
    for (int i = 3; i < parts.length; i++) {
      if (Long.parseLong(parts[i]) > 0xFFFF_FFFFL) {
        return false;
      }
    }
    return true;
  }

  /** The binary form of a text SID. */
  public static byte[] toBinary(String text) throws MalformedValueException {
    if (!isValid(text)) {
      throw new MalformedValueException("'" + text + "' is not a SID in S-1-... form");
    }
    String[] parts = text.split("-");
    int count = parts.length - 3;
    ByteBuffer out = ByteBuffer.allocate(8 + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 1).put((byte) count);
    long authority = Long.parseLong(parts[2]);
    for (int i = 5; i >= 0; i--) {
      out.put((byte) (authority >>> (8 * i)));
    }
    for (int i = 0; i < count; i++) {
      out.putInt((int) Long.parseLong(parts[3 + i]));
    }
    return out.array();
  }

  /** The text form of a binary SID. */
  public static String toText(byte[] binary) throws MalformedValueException {
    if (binary == null || binary.length < 8 || binary[0] != 1
        || binary.length != 8 + 4 * (binary[1] & 0xFF) || binary[1] == 0) {
      throw new MalformedValueException("not a binary SID (revision 1, 1..15 sub-authorities)");
    }
    long authority = 0;
    for (int i = 2; i < 8; i++) {
      authority = authority << 8 | (binary[i] & 0xFF);
    }
    StringBuilder text = new StringBuilder("S-1-").append(authority);
    ByteBuffer subs = ByteBuffer.wrap(binary, 8, binary.length - 8).order(ByteOrder.LITTLE_ENDIAN);
    while (subs.hasRemaining()) {
      text.append('-').append(Integer.toUnsignedLong(subs.getInt()));
    }
    return text.toString();
  }
}
