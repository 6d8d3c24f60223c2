package io.lapsbridge.migration;

import java.util.Locale;

/**
 * DN comparison without an LDAP library: lower case, no spaces around separators. Enough for
 * the DNs a directory returns and an admin types; escaped separators keep their backslash.
 */
final class DistinguishedNames {
  private DistinguishedNames() {}

  static String normalize(String dn) {
    StringBuilder out = new StringBuilder(dn.length());
    String lower = dn.toLowerCase(Locale.ROOT).trim();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c == '\\' && i + 1 < lower.length()) {
        out.append(c).append(lower.charAt(++i));
      } else if (c == ' ' && (endsWithSeparator(out) || nextIsSeparator(lower, i))) {
        continue;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean endsWithSeparator(StringBuilder out) {
    if (out.length() == 0) {
      return false;
    }
    char last = out.charAt(out.length() - 1);
    boolean escaped = out.length() > 1 && out.charAt(out.length() - 2) == '\\';
    return !escaped && (last == ',' || last == '=' || last == '+');
  }

  private static boolean nextIsSeparator(String text, int i) {
    int j = i;
    while (j < text.length() && text.charAt(j) == ' ') {
      j++;
    }
    return j < text.length() && (text.charAt(j) == ',' || text.charAt(j) == '=' || text.charAt(j) == '+');
  }

  /** Whether {@code dn} is {@code base} or lies under it; both normalized. */
  static boolean isUnder(String normalizedDn, String normalizedBase) {
    return normalizedDn.equals(normalizedBase) || normalizedDn.endsWith("," + normalizedBase);
  }
}
