package io.lapsbridge.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of adding ACEs to an ACL the way .NET's {@code AddAccessRule} does: an explicit
 * ACE with the same trustee, flags and GUIDs absorbs the new mask; anything else is inserted in
 * canonical position (explicit deny, explicit allow, inherited).
 */
public record AclChange(Acl acl, List<Ace> added, List<Ace> widened, List<Ace> alreadyPresent) {
  public AclChange {
    added = List.copyOf(added);
    widened = List.copyOf(widened);
    alreadyPresent = List.copyOf(alreadyPresent);
  }

  public boolean changed() {
    return !added.isEmpty() || !widened.isEmpty();
  }

  /** Adds each ACE unless an explicit ACE with the same key already covers its mask. */
  public static AclChange add(Acl acl, List<Ace> wanted) {
    List<Ace> aces = new ArrayList<>(acl.aces());
    List<Ace> added = new ArrayList<>();
    List<Ace> widened = new ArrayList<>();
    List<Ace> present = new ArrayList<>();
    for (Ace ace : wanted) {
      int existing = -1;
      for (int i = 0; i < aces.size(); i++) {
        if (!aces.get(i).isInherited() && aces.get(i).sameKey(ace)) {
          existing = i;
          break;
        }
      }
      if (existing >= 0) {
        Ace old = aces.get(existing);
        int merged = old.mask() | ace.mask();
        if (merged == old.mask()) {
          present.add(ace);
        } else {
          aces.set(existing, old.withMask(merged));
          widened.add(old.withMask(merged));
        }
        continue;
      }
      aces.add(insertionPoint(aces, ace), ace);
      added.add(ace);
    }
    return new AclChange(acl.withAces(aces), added, widened, present);
  }

  private static int insertionPoint(List<Ace> aces, Ace ace) {
    int firstInherited = aces.size();
    int firstExplicitAllow = -1;
    for (int i = 0; i < aces.size(); i++) {
      if (aces.get(i).isInherited()) {
        firstInherited = i;
        break;
      }
      if (firstExplicitAllow < 0 && aces.get(i).type().kind() != AceType.Kind.DENY) {
        firstExplicitAllow = i;
      }
    }
    if (ace.type().kind() == AceType.Kind.DENY) {
      return firstExplicitAllow >= 0 ? firstExplicitAllow : firstInherited;
    }
    return firstInherited;
  }
}
