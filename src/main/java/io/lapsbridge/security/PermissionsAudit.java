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
  /** Where the explicit ACEs of a computer not yet created come from. */
  public static final String DEFAULT_SOURCE = "the computer class defaultSecurityDescriptor";

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

  /** Runs the audit without a class default descriptor. */
  public static List<Row> run(
      List<SecuredObject> objects, LapsGuids guids, Set<AttributeFamily> families, boolean sacl) {
    return run(objects, guids, families, sacl, java.util.Optional.empty());
  }

  /**
   * Runs the audit; {@code sacl} selects which ACL the snapshot holds and what is reported.
   * {@code computerDefault} is the ACL of the {@code computer} class's defaultSecurityDescriptor:
   * a new computer in an OU gets it as explicit ACEs, and a computer is reported on its own only
   * when it has explicit ACEs beyond it (on AD every computer has the default ones).
   */
  public static List<Row> run(List<SecuredObject> objects, LapsGuids guids, Set<AttributeFamily> families,
      boolean sacl, java.util.Optional<Acl> computerDefault) {
    List<Ace> defaults = computerDefault.map(Acl::aces).orElse(List.of());
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
        boolean explicit = acl.map(list -> list.aces().stream()
            .anyMatch(ace -> !ace.isInherited() && !defaults.contains(ace))).orElse(false);
        if (!explicit) {
          continue;
        }
        scope = own;
        kind = "computer";
      } else if (object.objectClass().equals(Guids.ORGANIZATIONAL_UNIT_CLASS)) {
        scope = own.child(DEFAULT_SOURCE, Guids.COMPUTER_CLASS, computerDefault, false);
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
