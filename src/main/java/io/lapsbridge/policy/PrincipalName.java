package io.lapsbridge.policy;

import io.lapsbridge.model.Sid;
import java.util.regex.Pattern;

/** The forms ADPasswordEncryptionPrincipal accepts: a SID, DOMAIN\name or name@domain. */
final class PrincipalName {
  private static final Pattern DOWN_LEVEL = Pattern.compile("[^\\\\@\"()]+\\\\[^\\\\@\"()]+");
  private static final Pattern UPN = Pattern.compile("[^\\\\@\"()]+@[^\\\\@\"()]+");

  private PrincipalName() {}

  static boolean isValid(String principal) {
    String p = principal.strip();
    return Sid.isValid(p) || DOWN_LEVEL.matcher(p).matches()
        || UPN.matcher(p).matches();
  }
}
