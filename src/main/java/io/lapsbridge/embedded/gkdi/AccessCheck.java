package io.lapsbridge.embedded.gkdi;

import io.lapsbridge.security.Ace;
import io.lapsbridge.security.AceType;
import io.lapsbridge.security.SecurityDescriptor;
import io.lapsbridge.security.SecurityFormatException;
import java.util.Set;

/**
 * The DACL walk of a Windows access check, for the plain allow and deny ACEs a protection
 * descriptor's security descriptor holds: ACEs in order, the first one that decides a bit wins,
 * and every desired bit must be allowed.
 */
final class AccessCheck {
  /** What GetKey asks for before handing out seed keys. */
  static final int SEED_KEYS = 0x3;
  /** What the public-key-only answer needs. */
  static final int PUBLIC_KEY = 0x2;

  private AccessCheck() {}

  static boolean granted(byte[] securityDescriptor, Set<String> tokenSids, int desired)
      throws SecurityFormatException {
    SecurityDescriptor sd = SecurityDescriptor.fromBytes(securityDescriptor);
    if (sd.dacl().isEmpty()) {
      return false; // a null DACL would grant everything; GKDI descriptors always carry one
    }
    int remaining = desired;
    for (Ace ace : sd.dacl().get().aces()) {
      if (!tokenSids.contains(ace.sid().toString()) || ace.isInheritOnly()) {
        continue;
      }
      if (ace.type() == AceType.ACCESS_DENIED && (ace.mask() & remaining) != 0) {
        return false;
      }
      if (ace.type() == AceType.ACCESS_ALLOWED) {
        remaining &= ~ace.mask();
      }
      if (remaining == 0) {
        return true;
      }
    }
    return false;
  }
}
