package io.lapsbridge.security;

import io.lapsbridge.model.AttributeFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The audit over a snapshot of the tree (parents before children): for every OU, who can read
 * the password of a computer placed in it, and for every computer with explicit ACEs, who can
 * read its own. With {@code sacl}, the same walk over SACLs reports who is audited instead.
 */
public final class PermissionsAudit {
  private PermissionsAudit() {}

  /** One reported line. {@code scopeKind} is "ou" or "computer". */
  public record Row(String scope, String scopeKind, AttributeFamily family, AccessFinding finding) {
    public Row {
      Objects.requireNonNull(scope);
      Objects.requireNonNull(scopeKind);
      Objects.requireNonNull(family);
      Objects.requireNonNull(finding);
    }
  }

  /** Runs the audit; {@code sacl} selects which ACL the snapshot holds and what is reported. */
  public static List<Row> run(
      List<SecuredObject> objects, LapsGuids guids, Set<AttributeFamily> families, boolean sacl) {
    Map<String, EffectiveAcl> effective = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    for (SecuredObject object : objects) {
      EffectiveAcl parent = object.parentKey() == null ? null : effective.get(object.parentKey());
      var acl = object.descriptor().flatMap(sd -> sacl ? sd.sacl() : sd.dacl());
      boolean isProtected = object.descriptor().map(sd -> sacl
          ? (sd.control() & SecurityDescriptor.SACL_PROTECTED) != 0
          : sd.daclProtected()).orElse(false);
      EffectiveAcl own = parent == null
          ? EffectiveAcl.root(object.dn(), acl)
          : parent.child(object.dn(), object.objectClass(), acl, isProtected);
      effective.put(object.key(), own);
      EffectiveAcl scope;
      String kind;
      if (object.computer()) {
        boolean explicit = acl.map(list -> list.aces().stream().anyMatch(ace -> !ace.isInherited())).orElse(false);
        if (!explicit) {
          continue;
        }
        scope = own;
        kind = "computer";
      } else if (object.objectClass().equals(Guids.ORGANIZATIONAL_UNIT_CLASS)) {
        scope = own.newChild(object.dn(), Guids.COMPUTER_CLASS);
        kind = "ou";
      } else {
        continue;
      }
      for (AttributeFamily family : families) {
        var targets = guids.passwordTargets(family);
        if (targets.isEmpty()) {
          continue;
        }
        List<AccessFinding> findings = sacl
            ? ReaderAnalysis.audits(scope, targets)
            : ReaderAnalysis.analyse(scope, targets);
        for (AccessFinding finding : findings) {
          rows.add(new Row(object.dn(), kind, family, finding));
        }
      }
    }
    return rows;
  }
}
