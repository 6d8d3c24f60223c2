package io.lapsbridge.security;

import io.lapsbridge.model.Sid;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who can really read a confidential password attribute on one object: reading needs
 * READ_PROPERTY and CONTROL_ACCESS on the attribute (or its property set), and either may come
 * from an object ACE for the attribute, All Extended Rights, GenericAll, Full Control or a
 * generic read. Each right is decided by the first applicable ACE in canonical order, so a deny
 * before an allow wins. Holders of WriteDACL or WriteOwner are escalation paths.
 *
 * <p>Trustees are matched by SID; a principal also counts as a member of Everyone and
 * Authenticated Users. Other group memberships are not expanded (see docs/permissions.md).
 */
public final class ReaderAnalysis {
  private static final Set<Sid> EVERYBODY = Set.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS);

  private ReaderAnalysis() {}

  /** Findings on one object, given the object types through which the password is readable. */
  public static List<AccessFinding> analyse(EffectiveAcl acl, Map<UUID, String> targets) {
    Set<Sid> principals = new LinkedHashSet<>();
    for (EffectiveAce entry : acl.aces()) {
      if (entry.applies() && entry.ace().type().kind() == AceType.Kind.ALLOW) {
        principals.add(entry.ace().sid());
      }
    }
    List<AccessFinding> findings = new ArrayList<>();
    for (Sid principal : principals) {
      Optional<EffectiveAce> control = decide(acl, principal, AccessMask.CONTROL_ACCESS, targets);
      Optional<EffectiveAce> read = decide(acl, principal, AccessMask.READ_PROPERTY, targets);
      if (control.isPresent() && read.isPresent()) {
        String why = describe(control.get(), AccessMask.CONTROL_ACCESS, targets);
        if (!read.get().equals(control.get())) {
          why += "; " + describe(read.get(), AccessMask.READ_PROPERTY, targets);
        }
        findings.add(new AccessFinding(principal, AccessFinding.Access.READ, why));
      }
      Optional<EffectiveAce> dacl = decide(acl, principal, AccessMask.WRITE_DAC, Map.of());
      Optional<EffectiveAce> owner = decide(acl, principal, AccessMask.WRITE_OWNER, Map.of());
      if (dacl.isPresent() || owner.isPresent()) {
        EffectiveAce source = dacl.orElseGet(owner::get);
        String right = dacl.isPresent() ? "WriteDACL" : "WriteOwner";
        findings.add(new AccessFinding(principal, AccessFinding.Access.ESCALATION,
            right + " (can grant itself read) " + source.origin()));
      }
    }
    return findings;
  }

  /** The allow ACE that grants {@code bit}, or empty when none does or a deny comes first. */
  static Optional<EffectiveAce> decide(EffectiveAcl acl, Sid principal, int bit, Map<UUID, String> targets) {
    for (EffectiveAce entry : acl.aces()) {
      Ace ace = entry.ace();
      if (!entry.applies() || ace.type().kind() == AceType.Kind.AUDIT) {
        continue;
      }
      if (!ace.sid().equals(principal) && !EVERYBODY.contains(ace.sid())) {
        continue;
      }
      if ((AccessMask.effective(ace.mask()) & bit) == 0) {
        continue;
      }
      if (ace.objectType().isPresent() && !targets.containsKey(ace.objectType().get())) {
        continue;
      }
      return ace.type().kind() == AceType.Kind.ALLOW ? Optional.of(entry) : Optional.empty();
    }
    return Optional.empty();
  }

  private static String describe(EffectiveAce entry, int bit, Map<UUID, String> targets) {
    Ace ace = entry.ace();
    String right;
    if ((ace.mask() & AccessMask.GENERIC_ALL) != 0) {
      right = "GenericAll";
    } else if ((ace.mask() & AccessMask.FULL_CONTROL) == AccessMask.FULL_CONTROL) {
      right = "Full Control";
    } else if (ace.objectType().isPresent()) {
      right = (bit == AccessMask.CONTROL_ACCESS ? "control access on " : "read property on ")
          + targets.get(ace.objectType().get());
    } else if (bit == AccessMask.CONTROL_ACCESS) {
      right = "All Extended Rights";
    } else if ((ace.mask() & AccessMask.GENERIC_READ) != 0) {
      right = "GenericRead";
    } else {
      right = "read all properties";
    }
    String via = ace.sid().equals(Sid.EVERYONE) || ace.sid().equals(Sid.AUTHENTICATED_USERS)
        ? " via " + ace.sid().wellKnownName().orElseThrow() : "";
    return right + via + " " + entry.origin();
  }

  /** Audit entries on one object that log reads of the password, as "success"/"failure" text. */
  public static List<AccessFinding> audits(EffectiveAcl sacl, Map<UUID, String> targets) {
    List<AccessFinding> findings = new ArrayList<>();
    for (EffectiveAce entry : sacl.aces()) {
      Ace ace = entry.ace();
      if (!entry.applies() || ace.type().kind() != AceType.Kind.AUDIT) {
        continue;
      }
      int mask = AccessMask.effective(ace.mask());
      boolean covers = (mask & (AccessMask.CONTROL_ACCESS | AccessMask.READ_PROPERTY)) != 0
          && (ace.objectType().isEmpty() || targets.containsKey(ace.objectType().get()));
      if (!covers) {
        continue;
      }
      List<String> when = new ArrayList<>();
      if ((ace.flags() & AceFlags.SUCCESSFUL_ACCESS) != 0) {
        when.add("success");
      }
      if ((ace.flags() & AceFlags.FAILED_ACCESS) != 0) {
        when.add("failure");
      }
      findings.add(new AccessFinding(ace.sid(), AccessFinding.Access.READ,
          "audits " + String.join("+", when) + " " + entry.origin()));
    }
    return findings;
  }
}
