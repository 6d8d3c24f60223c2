package io.lapsbridge.migration;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A comparison key for distinguished names, because the pure engine may not import the LDAP
 * library: the DNs of a plan come from the directory adapter and from rule files an admin
 * writes, and {@code CN=PC1,OU=Paris} must match {@code cn=pc1, ou=paris}. The key is never
 * shown; plans print DNs as they were given.
 *
 * <p>RFC 4514 rules that matter for matching: RDNs split only on unescaped commas (so
 * {@code CN=Smith\, John} is one RDN), the values of a multi-valued RDN ({@code CN=a+UID=b}) are
 * compared in any order, hex escapes ({@code \2C}) equal the character they stand for, case and
 * the spaces around separators do not count.
 */
final class DistinguishedNames {
  /** The characters RFC 4514 escapes inside a value. */
  private static final String SPECIAL = ",+\"\\<>;=";

  private DistinguishedNames() {}

  /** The comparison key of {@code dn}: RDNs joined by commas, each in canonical form. */
  static String normalize(String dn) {
    return String.join(",", rdns(dn));
  }

  /** Whether {@code dn} is {@code base} or lies under it; both normalized. */
  static boolean isUnder(String normalizedDn, String normalizedBase) {
    List<String> dn = rdns(normalizedDn);
    List<String> base = rdns(normalizedBase);
    return dn.size() >= base.size() && dn.subList(dn.size() - base.size(), dn.size()).equals(base);
  }

  /** The RDNs in canonical form, leftmost first. */
  private static List<String> rdns(String dn) {
    List<String> rdns = new ArrayList<>();
    List<String> values = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    String text = dn.strip();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        i = unescape(text, i, current);
      } else if (c == ',' || c == ';' || c == '+') {
        values.add(attributeValue(current));
        current.setLength(0);
        if (c != '+') {
          rdns.add(rdn(values));
          values.clear();
        }
      } else {
        current.append(c);
      }
    }
    if (!text.isEmpty()) {
      values.add(attributeValue(current));
      rdns.add(rdn(values));
    }
    return rdns;
  }

  /** Appends the escaped character at {@code text[i]} in canonical form; returns its last index. */
  private static int unescape(String text, int i, StringBuilder out) {
    char next = text.charAt(i + 1);
    if (i + 2 < text.length() && isHex(next) && isHex(text.charAt(i + 2))) {
      char decoded = (char) HexFormat.fromHexDigits(text, i + 1, i + 3);
      appendValueChar(out, decoded);
      return i + 2;
    }
    appendValueChar(out, next);
    return i + 1;
  }

  private static void appendValueChar(StringBuilder out, char c) {
    if (SPECIAL.indexOf(c) >= 0) {
      out.append('\\');
    }
    out.append(c);
  }

  /** {@code type=value} in lower case without the spaces around {@code =}. */
  private static String attributeValue(StringBuilder text) {
    String ava = text.toString().toLowerCase(Locale.ROOT);
    int equals = ava.indexOf('=');
    return equals < 0
        ? ava.strip()
        : ava.substring(0, equals).strip() + "=" + ava.substring(equals + 1).strip();
  }

  private static String rdn(List<String> values) {
    return values.stream().sorted().reduce((a, b) -> a + "+" + b).orElse("");
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 128;
  }
}
