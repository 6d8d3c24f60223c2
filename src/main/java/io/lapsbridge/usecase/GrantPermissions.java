package io.lapsbridge.usecase;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.SecurityDirectory;
import io.lapsbridge.directory.SecurityDirectory.Part;
import io.lapsbridge.directory.SecurityDirectory.Principal;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import io.lapsbridge.report.PermissionRows.GrantRow;
import io.lapsbridge.security.Acl;
import io.lapsbridge.security.DelegationPlan;
import io.lapsbridge.security.LapsGrant;
import io.lapsbridge.security.LapsGuids;
import io.lapsbridge.security.SecurityDescriptor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code permissions grant-*}: delegates LAPS access on one OU exactly as the legacy and Windows
 * LAPS cmdlets do. Reads the OU's DACL (or, to audit, its SACL), merges the cmdlet's ACEs for each
 * family and principal, and writes it back only when something changed.
 */
public final class GrantPermissions {
  private GrantPermissions() {}

  /**
   * One grant: where, what, to whom.
   *
   * @param ou the OU or domain root to delegate on
   * @param families the families asked for
   * @param skipMissingFamilies whether a family whose schema is missing is skipped (with a
   *     notice) rather than refused, as for {@code --family all}
   * @param principals the principals as given; {@code SELF} is added for {@link LapsGrant#SELF}
   * @param auditFlags the audit flags of a {@link LapsGrant#AUDIT} grant, else 0
   * @param dryRun decide and report, but write nothing
   */
  public record Request(String ou, LapsGrant grant, Set<AttributeFamily> families,
      boolean skipMissingFamilies, List<String> principals, int auditFlags, boolean dryRun) {
    public Request {
      families = Set.copyOf(families);
      principals = List.copyOf(principals);
    }
  }

  /**
   * What one grant did: which part, whether anything changed, and the rows to print.
   *
   * @param part the part of the descriptor the grant is in
   * @param changed whether any ACE was (or, on a dry run, would be) added or widened
   * @param rows one per wanted ACE
   */
  public record Result(Part part, boolean changed, List<GrantRow> rows) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Merges the grant's ACEs into the OU's descriptor and writes it back only if anything changed.
   *
   * @param notices a line for each family skipped because its schema is missing
   */
  public static Result run(LapsDirectory directory, Request request, Consumer<String> notices)
      throws DirectoryException {
    SecurityDirectory security = SecurityDirectory.of(directory);
    LapsGuids guids = security.lapsGuids();
    Set<AttributeFamily> families = families(request, guids, notices);
    Map<Sid, String> trustees = new LinkedHashMap<>();
    if (request.grant() == LapsGrant.SELF) {
      trustees.put(Sid.SELF, Sid.SELF.wellKnownName().orElseThrow());
    }
    for (String text : request.principals()) {
      Principal principal = security.resolve(text);
      trustees.put(principal.sid(), principal.name());
    }
    Part part = request.grant().isAudit() ? Part.SACL : Part.DACL;
    SecurityDescriptor current = security.read(request.ou(), part).orElse(
        new SecurityDescriptor(SecurityDescriptor.SELF_RELATIVE, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty()));
    if (part == Part.DACL && current.dacl().isEmpty()
        && (current.control() & SecurityDescriptor.DACL_PRESENT) != 0) {
      // A NULL DACL grants everyone everything; a DACL of only LAPS ACEs would lock out all.
      throw new DirectoryException(DirectoryException.Kind.REJECTED, "'" + request.ou()
          + "' has a NULL DACL (everyone has full access); refusing to replace it with LAPS ACEs only");
    }
    Acl acl = (part == Part.SACL ? current.sacl() : current.dacl()).orElse(Acl.of(List.of()));
    DelegationPlan plan = DelegationPlan.of(acl, request.grant(), guids, families,
        trustees.keySet(), request.auditFlags());
    if (plan.changes() && !request.dryRun()) {
      security.write(request.ou(), part,
          part == Part.SACL ? current.withSacl(plan.acl()) : current.withDacl(plan.acl()));
    }
    List<GrantRow> rows = new ArrayList<>();
    for (DelegationPlan.Step step : plan.steps()) {
      rows.add(new GrantRow(action(step.effect(), request.dryRun()), request.ou(),
          name(step.family()), trustees.get(step.trustee()), step.trustee().toString(),
          step.ace().toSddl()));
    }
    return new Result(part, plan.changes(), rows);
  }

  private static String action(DelegationPlan.Effect effect, boolean dryRun) {
    return switch (effect) {
      case ADDED -> dryRun ? "would-add" : "added";
      case WIDENED -> dryRun ? "would-widen" : "widened";
      case PRESENT -> "present";
    };
  }

  /** The families asked for whose attributes the schema has. */
  private static Set<AttributeFamily> families(Request request, LapsGuids guids,
      Consumer<String> notices) throws DirectoryException {
    Set<AttributeFamily> result = EnumSet.noneOf(AttributeFamily.class);
    for (AttributeFamily candidate : EnumSet.copyOf(request.families())) {
      if (guids.has(candidate)) {
        result.add(candidate);
      } else if (!request.skipMissingFamilies()) {
        throw new DirectoryException(DirectoryException.Kind.SCHEMA_MISSING, "the "
            + name(candidate) + " LAPS attributes are not in the schema; run 'schema extend' first");
      } else {
        notices.accept("skipping the " + name(candidate)
            + " family: its attributes are not in the schema");
      }
    }
    if (result.isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.SCHEMA_MISSING,
          "no LAPS attributes are in the schema; run 'schema extend' first");
    }
    return result;
  }

  static String name(AttributeFamily family) {
    return family.name().toLowerCase(Locale.ROOT);
  }
}
