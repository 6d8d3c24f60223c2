package io.lapsbridge.wire;

import io.lapsbridge.model.FileTime;

/**
 * The two text forms of a FILETIME that LAPS uses.
 *
 * <ul>
 *   <li>Decimal: {@code ms-Mcs-AdmPwdExpirationTime} and {@code msLAPS-PasswordExpirationTime}
 *       hold unsigned decimal digits with no sign or padding (AD Large Integer syntax).
 *   <li>Hex: the {@code t} field of the {@code msLAPS-Password} JSON holds lowercase hex with no
 *       {@code 0x} and no leading zeros.
 * </ul>
 *
 * Parsing is strict about characters and range but accepts upper-case hex and leading zeros,
 * which other writers produce and which are unambiguous.
 */
public final class FileTimeText {
  private static final int MAX_DECIMAL_DIGITS = 19;
  private static final int MAX_HEX_DIGITS = 16;

  private FileTimeText() {}

  public static FileTime parseDecimal(String text) throws MalformedValueException {
    String digits = requireDigits(text, MAX_DECIMAL_DIGITS + 1, 10, "decimal");
    try {
      return new FileTime(Long.parseLong(digits));
    } catch (NumberFormatException overflow) {
      throw new MalformedValueException(
          "FILETIME '" + text + "' is larger than the maximum " + Long.MAX_VALUE);
    }
  }

  public static FileTime parseHex(String text) throws MalformedValueException {
    String digits = requireDigits(text, Integer.MAX_VALUE, 16, "hexadecimal");
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > MAX_HEX_DIGITS) {
      throw new MalformedValueException("FILETIME hex '" + text + "' is longer than 64 bits");
    }
    long ticks = Long.parseUnsignedLong(significant, 16);
    if (ticks < 0) {
      throw new MalformedValueException(
          "FILETIME hex '" + text + "' is larger than the maximum 7fffffffffffffff");
    }
    return new FileTime(ticks);
  }

  public static String toDecimal(FileTime time) {
    return Long.toString(time.ticks());
  }

  public static String toHex(FileTime time) {
    return Long.toHexString(time.ticks());
  }

  private static String requireDigits(String text, int maxLength, int radix, String form)
      throws MalformedValueException {
    if (text == null || text.isEmpty()) {
      throw new MalformedValueException("FILETIME is empty");
    }
    if (text.length() > maxLength) {
      throw new MalformedValueException(
          "FILETIME '" + abbreviate(text) + "' is larger than the maximum " + Long.MAX_VALUE);
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), radix) < 0 || text.charAt(i) > 'z') {
        throw new MalformedValueException(
            "FILETIME '" + abbreviate(text) + "' is not a " + form + " number (bad character at "
                + (i + 1) + ")");
      }
    }
    return text;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
