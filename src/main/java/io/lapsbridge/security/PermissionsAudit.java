package io.lapsbridge.security;

import io.lapsbridge.model.AttributeFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The audit over the tree: for every OU, and every other container that holds computers, who
 * can read the password of a computer placed in it; and for every computer whose explicit ACEs
 * go beyond the class default, who can read its own. With {@code sacl}, the same walk over SACLs
 * reports who is audited instead.
 *
 * <p>Computers are streamed through a {@link Walk} one at a time and not kept: what it holds
 * grows with the containers and the exceptions, not with the computers, so an estate of tens
 * of thousands of computers audits in the memory of its OUs.
 */
public final class PermissionsAudit {
  /** Where the explicit ACEs of a computer not yet created come from. */
  public static final String DEFAULT_SOURCE = "the computer class defaultSecurityDescriptor";

  private PermissionsAudit() {}

  /**
   * One reported line. {@code scopeKind} is "ou", "container" or "domain" (evaluated for a
   * computer placed there), or "computer".
   */
  public record Row(String scope, String scopeKind, AttributeFamily family, AccessFinding finding) {
    public Row {
      Objects.requireNonNull(scope);
      Objects.requireNonNull(scopeKind);
      Objects.requireNonNull(family);
      Objects.requireNonNull(finding);
    }
  }

  /** Runs the audit over a list holding containers and computers, parents before children. */
  public static List<Row> run(List<SecuredObject> objects, LapsGuids guids,
      Set<AttributeFamily> families, boolean sacl, Optional<Acl> computerDefault) {
    Walk walk = walk(objects.stream().filter(o -> !o.computer()).toList(), guids, families, sacl,
        computerDefault);
    objects.stream().filter(SecuredObject::computer).forEach(walk);
    return walk.rows();
  }

  /**
   * Starts an audit over {@code containers} (every non-computer object, parents before
   * children); feed it the computers, in any order, then take its {@link Walk#rows()}.
   *
   * @param computerDefault the ACL of the {@code computer} class's defaultSecurityDescriptor: a
   *     new computer gets it as explicit ACEs (CREATOR OWNER replaced by its owner), and a
   *     computer is reported on its own only when its explicit ACEs go beyond it
   */
  public static Walk walk(List<SecuredObject> containers, LapsGuids guids,
      Set<AttributeFamily> families, boolean sacl, Optional<Acl> computerDefault) {
    return new Walk(containers, guids, families, sacl, ComputerDefault.of(computerDefault));
  }

  /** An audit in progress: the containers' effective ACLs, and the computers seen so far. */
  public static final class Walk implements Consumer<SecuredObject> {
    private static final ComputerDefault NO_DEFAULT = ComputerDefault.of(Optional.empty());

    private final List<SecuredObject> containers;
    private final LapsGuids guids;
    private final Set<AttributeFamily> families;
    private final boolean sacl;
    private final ComputerDefault computerDefault;
    private final Map<String, EffectiveAcl> effective = new HashMap<>();
    private final Set<String> holdingComputers = new HashSet<>();
    private final List<Row> exceptions = new ArrayList<>();
    private long computers;

    private Walk(List<SecuredObject> containers, LapsGuids guids, Set<AttributeFamily> families,
        boolean sacl, ComputerDefault computerDefault) {
      this.containers = List.copyOf(containers);
      this.guids = guids;
      this.families = families;
      this.sacl = sacl;
      this.computerDefault = computerDefault;
      for (SecuredObject container : this.containers) {
        effective.put(container.key(), effectiveAcl(container));
      }
    }

    private EffectiveAcl effectiveAcl(SecuredObject object) {
      EffectiveAcl parent = object.parentKey() == null ? null : effective.get(object.parentKey());
      Optional<Acl> acl = aclOf(object);
      boolean isProtected = object.descriptor().map(sd -> sacl
          ? (sd.control() & SecurityDescriptor.SACL_PROTECTED) != 0
          : sd.daclProtected()).orElse(false);
      return parent == null
          ? EffectiveAcl.root(object.dn(), acl)
          : parent.child(object.dn(), object.objectClass(), acl, isProtected);
    }

    private Optional<Acl> aclOf(SecuredObject object) {
      return object.descriptor().flatMap(sd -> sacl ? sd.sacl() : sd.dacl());
    }

    /**
     * One computer: marks its container as holding computers, and keeps its rows only when its
     * explicit ACEs go beyond the class default (the SACL has no default: any explicit entry).
     */
    @Override
    public void accept(SecuredObject computer) {
      computers++;
      if (computer.parentKey() != null) {
        holdingComputers.add(computer.parentKey());
      }
      Optional<Acl> acl = aclOf(computer);
      List<Ace> own = sacl
          ? NO_DEFAULT.beyondDefault(acl, Optional.empty())
          : computerDefault.beyondDefault(acl,
              computer.descriptor().flatMap(SecurityDescriptor::owner));
      if (!own.isEmpty()) {
        addRows(computer.dn(), "computer", effectiveAcl(computer), exceptions);
      }
    }

    /** How many computers were fed in. */
    public long computers() {
      return computers;
    }

    /**
     * The report: every OU, and every other container that holds computers, in tree order
     * (parents first), then the computers with explicit ACEs of their own.
     */
    public List<Row> rows() {
      List<Row> rows = new ArrayList<>();
      for (SecuredObject container : containers) {
        String kind = kindOf(container);
        if (kind.equals("ou") || holdingComputers.contains(container.key())) {
          EffectiveAcl placed = effective.get(container.key()).child(DEFAULT_SOURCE,
              Guids.COMPUTER_CLASS, sacl ? Optional.empty() : computerDefault.asWritten(), false);
          addRows(container.dn(), kind, placed, rows);
        }
      }
      rows.addAll(exceptions);
      return rows;
    }

    /**
     * Each container that holds computers (by its DN as the server spells it, tree order) with
     * the ACL a computer placed there is evaluated with: what {@code doctor} checks SELF's write
     * rights on.
     */
    public Map<String, EffectiveAcl> computerContainers() {
      Map<String, EffectiveAcl> placed = new java.util.LinkedHashMap<>();
      for (SecuredObject container : containers) {
        if (holdingComputers.contains(container.key())) {
          placed.put(container.dn(), effective.get(container.key()).child(DEFAULT_SOURCE,
              Guids.COMPUTER_CLASS, sacl ? Optional.empty() : computerDefault.asWritten(), false));
        }
      }
      return placed;
    }

    private static String kindOf(SecuredObject container) {
      if (container.objectClass().equals(Guids.ORGANIZATIONAL_UNIT_CLASS)) {
        return "ou";
      }
      return container.objectClass().equals(Guids.DOMAIN_DNS_CLASS) ? "domain" : "container";
    }

    private void addRows(String dn, String kind, EffectiveAcl scope, List<Row> into) {
      for (AttributeFamily family : families) {
        var targets = guids.passwordTargets(family);
        if (targets.isEmpty()) {
          continue;
        }
        List<AccessFinding> findings = sacl
            ? ReaderAnalysis.audits(scope, targets)
            : ReaderAnalysis.analyse(scope, targets);
        for (AccessFinding finding : findings) {
          into.add(new Row(dn, kind, family, finding));
        }
      }
    }
  }
}
