package io.lapsbridge.policy;

import java.util.regex.Pattern;

/** The forms ADPasswordEncryptionPrincipal accepts: a SID, DOMAIN\name or name@domain. */
final class PrincipalName {
  private static final Pattern SID = Pattern.compile("S-1-\\d+(-\\d+)+", Pattern.CASE_INSENSITIVE);
  private static final Pattern DOWN_LEVEL = Pattern.compile("[^\\\\@\"()]+\\\\[^\\\\@\"()]+");
  private static final Pattern UPN = Pattern.compile("[^\\\\@\"()]+@[^\\\\@\"()]+");

  private PrincipalName() {}

  static boolean isValid(String principal) {
    String p = principal.strip();
    return SID.matcher(p).matches() || DOWN_LEVEL.matcher(p).matches()
        || UPN.matcher(p).matches();
  }
}
