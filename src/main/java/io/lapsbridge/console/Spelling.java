package io.lapsbridge.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A password spelled out for reading over the telephone: letters with the ICAO alphabet and
 * their case, digits and symbols by name, and anything else (control characters, spaces,
 * letters outside ASCII) by its code point, so nothing invisible is lost.
 */
public final class Spelling {
  private static final String[] ICAO = {"Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot",
      "Golf", "Hotel", "India", "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa",
      "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "X-ray", "Yankee",
      "Zulu"};
  private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six",
      "seven", "eight", "nine"};
  private static final Map<Character, String> SYMBOLS = Map.ofEntries(
      Map.entry('!', "exclamation mark"), Map.entry('"', "double quote"), Map.entry('#', "hash"),
      Map.entry('$', "dollar"), Map.entry('%', "percent"), Map.entry('&', "ampersand"),
      Map.entry('\'', "apostrophe"), Map.entry('(', "open parenthesis"),
      Map.entry(')', "close parenthesis"), Map.entry('*', "asterisk"), Map.entry('+', "plus"),
      Map.entry(',', "comma"), Map.entry('-', "hyphen"), Map.entry('.', "period"),
      Map.entry('/', "slash"), Map.entry(':', "colon"), Map.entry(';', "semicolon"),
      Map.entry('<', "less-than"), Map.entry('=', "equals"), Map.entry('>', "greater-than"),
      Map.entry('?', "question mark"), Map.entry('@', "at sign"), Map.entry('[', "open bracket"),
      Map.entry('\\', "backslash"), Map.entry(']', "close bracket"), Map.entry('^', "caret"),
      Map.entry('_', "underscore"), Map.entry('`', "backtick"), Map.entry('{', "open brace"),
      Map.entry('|', "vertical bar"), Map.entry('}', "close brace"), Map.entry('~', "tilde"));

  private Spelling() {}

  /** One entry per code point, in order. */
  public static List<String> of(String password) {
    List<String> spelled = new ArrayList<>();
    password.codePoints().forEach(c -> spelled.add(spell(c)));
    return spelled;
  }

  static String spell(int c) {
    if (c >= 'a' && c <= 'z') {
      return (char) c + " lower-case " + ICAO[c - 'a'].toLowerCase(Locale.ROOT);
    }
    if (c >= 'A' && c <= 'Z') {
      return (char) c + " CAPITAL " + ICAO[c - 'A'].toUpperCase(Locale.ROOT);
    }
    if (c >= '0' && c <= '9') {
      return (char) c + " digit " + DIGITS[c - '0'];
    }
    String symbol = c < 0x80 ? SYMBOLS.get((char) c) : null;
    if (symbol != null) {
      return (char) c + " " + symbol;
    }
    String code = String.format(Locale.ROOT, "U+%04X", c);
    if (c == ' ') {
      return code + " space";
    }
    if (Character.isISOControl(c) || !Character.isDefined(c)) {
      return code + " control character";
    }
    return new String(Character.toChars(c)) + " " + code + " "
        + Character.getName(c).toLowerCase(Locale.ROOT);
  }
}
