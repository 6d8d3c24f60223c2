package io.lapsbridge.usecase;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.SecurityDirectory;
import io.lapsbridge.directory.SecurityDirectory.Part;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.report.PermissionRows.AuditRow;
import io.lapsbridge.security.AccessFinding;
import io.lapsbridge.security.Acl;
import io.lapsbridge.security.LapsGuids;
import io.lapsbridge.security.PermissionsAudit;
import io.lapsbridge.security.SecuredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code permissions audit}: who can really read LAPS passwords (or, with the SACL, whose reads
 * are audited) on every OU, on every container that holds computers, and on computers with
 * explicit ACEs beyond the class default, reading each descriptor once.
 */
public final class AuditPermissions {
  private AuditPermissions() {}

  /**
   * Reads every container's and computer's descriptor once and returns who can read (or is audited
   * reading) each family's password there.
   *
   * @param sacl report audited principals instead of readers
   * @param warnings a line when the computer class default is unreadable and the audit goes on
   *     without it
   */
  public static List<AuditRow> run(LapsDirectory directory, Set<AttributeFamily> families,
      boolean sacl, Consumer<String> warnings) throws DirectoryException {
    return walk(directory, families, sacl, warnings).rows();
  }

  /**
   * A finished audit walk: its rows, and the walk itself for what else it computed (the ACL a
   * computer placed in each container gets, for {@code doctor}).
   */
  public record Walked(PermissionsAudit.Walk walk, LapsGuids guids, List<AuditRow> rows) {
    public Walked {
      rows = List.copyOf(rows);
    }
  }

  /** {@link #run}, keeping the walk. */
  public static Walked walk(LapsDirectory directory, Set<AttributeFamily> families,
      boolean sacl, Consumer<String> warnings) throws DirectoryException {
    SecurityDirectory security = SecurityDirectory.of(directory);
    LapsGuids guids = security.lapsGuids();
    Part part = sacl ? Part.SACL : Part.DACL;
    List<SecuredObject> containers = security.containers(directory.baseDn(), part);
    Optional<Acl> computerDefault = Optional.empty();
    if (!sacl) {
      try {
        computerDefault = security.computerDefaultDacl();
      } catch (DirectoryException e) {
        if (e.kind() == DirectoryException.Kind.UNREACHABLE) {
          throw e;
        }
        // Without it the audit still runs; computers then show up whenever they have any
        // explicit ACE, which on AD is every computer.
        warnings.accept(e.getMessage() + "; every computer with explicit ACEs will be listed");
      }
    }
    // Computers are streamed through the walk, never listed: what it keeps grows with the
    // containers and the computers with ACEs of their own, not with the estate (#13 item 2).
    PermissionsAudit.Walk walk =
        PermissionsAudit.walk(containers, guids, families, sacl, computerDefault);
    security.computers(directory.baseDn(), part, walk);
    List<AuditRow> rows = new ArrayList<>();
    for (PermissionsAudit.Row row : walk.rows()) {
      AccessFinding finding = row.finding();
      String access = sacl ? "audited"
          : finding.access() == AccessFinding.Access.READ ? "read" : "escalation";
      rows.add(new AuditRow(row.scope(), row.scopeKind(), GrantPermissions.name(row.family()),
          access, security.nameOf(finding.principal()), finding.principal().toString(),
          finding.why()));
    }
    return new Walked(walk, guids, rows);
  }
}
