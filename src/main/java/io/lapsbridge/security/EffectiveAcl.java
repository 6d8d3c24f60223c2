package io.lapsbridge.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ACL of one object as the directory would evaluate it: its explicit ACEs in stored order,
 * then what it inherits from its parent unless its DACL (or SACL) is protected.
 *
 * <p>Inheritance is computed from the parent chain rather than read from ACEs marked INHERITED,
 * so the answer is the same on AD (which stores inherited copies) and on a stand-in that does
 * not propagate. Rules (MS-DTYP 2.5.3.4.2 for directory objects): only CONTAINER_INHERIT ACEs
 * are inherited; an inherited-object-type that does not match the child's class makes the copy
 * inherit-only; NO_PROPAGATE_INHERIT stops the copy at the child.
 */
public record EffectiveAcl(String dn, List<EffectiveAce> aces) {
  public EffectiveAcl {
    aces = List.copyOf(aces);
  }

  /** The root of the chain: only its explicit ACEs count. */
  public static EffectiveAcl root(String dn, Optional<Acl> acl) {
    return new EffectiveAcl(dn, explicit(dn, acl));
  }

  /** A child of {@code parent} of class {@code childClass}. */
  public EffectiveAcl child(String childDn, UUID childClass, Optional<Acl> acl, boolean isProtected) {
    List<EffectiveAce> result = explicit(childDn, acl);
    if (!isProtected) {
      for (EffectiveAce entry : aces) {
        inheritedCopy(entry.ace(), childClass)
            .ifPresent(copy -> result.add(new EffectiveAce(copy, entry.sourceDn(), true)));
      }
    }
    return new EffectiveAcl(childDn, result);
  }

  private static List<EffectiveAce> explicit(String dn, Optional<Acl> acl) {
    List<EffectiveAce> result = new ArrayList<>();
    acl.ifPresent(list -> {
      for (Ace ace : list.aces()) {
        if (!ace.isInherited()) {
          result.add(new EffectiveAce(ace, dn, false));
        }
      }
    });
    return result;
  }

  static Optional<Ace> inheritedCopy(Ace ace, UUID childClass) {
    int flags = ace.flags();
    if ((flags & AceFlags.CONTAINER_INHERIT) == 0) {
      return Optional.empty();
    }
    boolean classMatches =
        ace.inheritedObjectType().isEmpty() || ace.inheritedObjectType().get().equals(childClass);
    boolean noPropagate = (flags & AceFlags.NO_PROPAGATE_INHERIT) != 0;
    int audit = flags & (AceFlags.SUCCESSFUL_ACCESS | AceFlags.FAILED_ACCESS);
    if (noPropagate) {
      return classMatches ? Optional.of(ace.withFlags(AceFlags.INHERITED | audit)) : Optional.empty();
    }
    int copy = AceFlags.INHERITED | AceFlags.CONTAINER_INHERIT | audit
        | (flags & AceFlags.OBJECT_INHERIT) | (classMatches ? 0 : AceFlags.INHERIT_ONLY);
    return Optional.of(ace.withFlags(copy));
  }
}
