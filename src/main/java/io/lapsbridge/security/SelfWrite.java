package io.lapsbridge.security;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whether a computer may write its own LAPS attributes where it sits: SELF needs WRITE_PROPERTY
 * on the family's password and expiry attributes (and, for Windows LAPS, on the encrypted
 * password attributes' property set), as {@code permissions grant-self} gives. Decided like
 * {@link ReaderAnalysis}: the first applicable ACE for SELF (or Everyone, Authenticated Users)
 * in canonical order, so a deny before an allow wins.
 */
public final class SelfWrite {
  private SelfWrite() {}

  /**
   * The attributes SELF cannot write on a computer evaluated with {@code placed}; empty when it
   * can write them all. The family's schema must be present ({@link LapsGuids#has}).
   */
  public static List<String> missing(EffectiveAcl placed, LapsGuids guids,
      AttributeFamily family) {
    List<String> missing = new ArrayList<>();
    check(placed, Map.of(guids.expiration(family), ""), LapsAttribute.expirationOf(family),
        missing);
    check(placed, Map.of(guids.password(family), ""), LapsAttribute.passwordOf(family), missing);
    if (family == AttributeFamily.WINDOWS) {
      Map<UUID, String> encrypted = new java.util.HashMap<>();
      encrypted.put(Guids.LAPS_ENCRYPTED_PASSWORD_ATTRIBUTES, "");
      guids.windowsEncryptedPassword().ifPresent(guid -> encrypted.put(guid, ""));
      if (ReaderAnalysis.decide(placed, Sid.SELF, AccessMask.WRITE_PROPERTY, encrypted)
          .isEmpty()) {
        missing.add(LapsAttribute.ENCRYPTED_PASSWORD.ldapName());
      }
    }
    return missing;
  }

  private static void check(EffectiveAcl placed, Map<UUID, String> target,
      LapsAttribute attribute, List<String> missing) {
    if (ReaderAnalysis.decide(placed, Sid.SELF, AccessMask.WRITE_PROPERTY, target).isEmpty()) {
      missing.add(attribute.ldapName());
    }
  }
}
