package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.SecurityDirectory;
import io.lapsbridge.directory.SecurityDirectory.Part;
import io.lapsbridge.directory.SecurityDirectory.Principal;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Sid;
import io.lapsbridge.report.OutputFormat;
import io.lapsbridge.report.PermissionRows;
import io.lapsbridge.report.PermissionRows.AuditRow;
import io.lapsbridge.report.PermissionRows.GrantRow;
import io.lapsbridge.security.AccessFinding;
import io.lapsbridge.security.Ace;
import io.lapsbridge.security.AceFlags;
import io.lapsbridge.security.Acl;
import io.lapsbridge.security.AclChange;
import io.lapsbridge.security.LapsGrant;
import io.lapsbridge.security.LapsGuids;
import io.lapsbridge.security.PermissionsAudit;
import io.lapsbridge.security.SecuredObject;
import io.lapsbridge.security.SecurityDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code permissions}: delegate LAPS access on OUs exactly as the legacy and Windows LAPS cmdlets
 * do, and audit who can really read the passwords.
 */
@Command(
    name = "permissions",
    description = "Delegate and audit LAPS access through nTSecurityDescriptor, for both families.",
    subcommands = {
      PermissionsCommand.GrantSelf.class,
      PermissionsCommand.GrantRead.class,
      PermissionsCommand.GrantReset.class,
      PermissionsCommand.GrantAudit.class,
      PermissionsCommand.Audit.class
    })
final class PermissionsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: grant-self, grant-read, grant-reset, grant-audit or audit");
  }

  /** Options and logic shared by the grant subcommands. */
  abstract static class Grant implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Option(names = "--ou", required = true, paramLabel = "DN", description = "The OU (or domain root) to delegate on.")
    String ou;

    @Option(names = "--principal", paramLabel = "P", description = "DOMAIN\\name, name@domain, a SID or a DN; repeatable.")
    List<String> principals = new ArrayList<>();

    @Option(names = "--family", defaultValue = "all", description = "legacy, windows or all (default: ${DEFAULT-VALUE}; 'all' skips a family whose schema is missing).")
    FamilyChoice family;

    @Option(names = "--dry-run", description = "Show the ACEs that would be added and write nothing.")
    boolean dryRun;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    abstract LapsGrant grant();

    int auditFlags() {
      return 0;
    }

    @Override
    public Integer call() throws DirectoryException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (grant() == LapsGrant.SELF && !principals.isEmpty()) {
        throw new UsageException("grant-self always grants NT AUTHORITY\\SELF; drop --principal");
      }
      if (grant() != LapsGrant.SELF && principals.isEmpty()) {
        throw new UsageException(spec.name() + " needs at least one --principal");
      }
      try (LapsDirectory directory = connection.open()) {
        SecurityDirectory security = SecurityDirectory.of(directory);
        LapsGuids guids = security.lapsGuids();
        Set<AttributeFamily> families = families(guids, err);
        Map<Sid, String> trustees = new LinkedHashMap<>();
        if (grant() == LapsGrant.SELF) {
          trustees.put(Sid.SELF, Sid.SELF.wellKnownName().orElseThrow());
        }
        for (String text : principals) {
          Principal principal = security.resolve(text);
          trustees.put(principal.sid(), principal.name());
        }
        Part part = grant().isAudit() ? Part.SACL : Part.DACL;
        SecurityDescriptor current = security.read(ou, part).orElse(
            new SecurityDescriptor(SecurityDescriptor.SELF_RELATIVE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
        if (part == Part.DACL && current.dacl().isEmpty()
            && (current.control() & SecurityDescriptor.DACL_PRESENT) != 0) {
          // A NULL DACL grants everyone everything; a DACL of only LAPS ACEs would lock out all.
          throw new DirectoryException(DirectoryException.Kind.REJECTED, "'" + ou
              + "' has a NULL DACL (everyone has full access); refusing to replace it with LAPS ACEs only");
        }
        Acl acl = (part == Part.SACL ? current.sacl() : current.dacl()).orElse(Acl.of(List.of()));
        List<GrantRow> rows = new ArrayList<>();
        for (AttributeFamily target : families) {
          for (Map.Entry<Sid, String> trustee : trustees.entrySet()) {
            List<Ace> wanted = grant().acesFor(target, guids, trustee.getKey(), auditFlags());
            AclChange change = AclChange.add(acl, wanted);
            acl = change.acl();
            change.added().forEach(ace -> rows.add(row(dryRun ? "would-add" : "added", target, trustee, ace)));
            change.widened().forEach(ace -> rows.add(row(dryRun ? "would-widen" : "widened", target, trustee, ace)));
            change.alreadyPresent().forEach(ace -> rows.add(row("present", target, trustee, ace)));
          }
        }
        boolean changed = rows.stream().anyMatch(row -> !row.action().equals("present"));
        if (changed && !dryRun) {
          security.write(ou, part, part == Part.SACL ? current.withSacl(acl) : current.withDacl(acl));
        }
        PermissionRows.printGrants(out, format, rows);
        if (!changed) {
          err.println("nothing to add: every ACE is already present on " + ou);
        } else if (dryRun) {
          err.println("dry run: nothing was written to " + ou);
        } else {
          err.println("updated the " + part + " of " + ou);
        }
      }
      out.flush();
      err.flush();
      return ExitStatus.OK.code();
    }

    private Set<AttributeFamily> families(LapsGuids guids, PrintWriter err) throws DirectoryException {
      Set<AttributeFamily> result = EnumSet.noneOf(AttributeFamily.class);
      for (AttributeFamily candidate : family.families()) {
        if (guids.has(candidate)) {
          result.add(candidate);
        } else if (family != FamilyChoice.ALL) {
          throw new DirectoryException(DirectoryException.Kind.SCHEMA_MISSING,
              "the " + name(candidate) + " LAPS attributes are not in the schema; run 'schema extend' first");
        } else {
          err.println("skipping the " + name(candidate) + " family: its attributes are not in the schema");
        }
      }
      if (result.isEmpty()) {
        throw new DirectoryException(DirectoryException.Kind.SCHEMA_MISSING,
            "no LAPS attributes are in the schema; run 'schema extend' first");
      }
      return result;
    }

    private GrantRow row(String action, AttributeFamily family, Map.Entry<Sid, String> trustee, Ace ace) {
      return new GrantRow(action, ou, name(family), trustee.getValue(), trustee.getKey().toString(), ace.toSddl());
    }
  }

  @Command(name = "grant-self", description = "Let computers write their own LAPS attributes (Set-AdmPwdComputerSelfPermission, Set-LapsADComputerSelfPermission).")
  static final class GrantSelf extends Grant {
    @Override
    LapsGrant grant() {
      return LapsGrant.SELF;
    }
  }

  @Command(name = "grant-read", description = "Let principals read LAPS passwords of computers under the OU (Set-AdmPwdReadPasswordPermission, Set-LapsADReadPasswordPermission).")
  static final class GrantRead extends Grant {
    @Override
    LapsGrant grant() {
      return LapsGrant.READ;
    }
  }

  @Command(name = "grant-reset", description = "Let principals expire LAPS passwords of computers under the OU (Set-AdmPwdResetPasswordPermission, Set-LapsADResetPasswordPermission).")
  static final class GrantReset extends Grant {
    @Override
    LapsGrant grant() {
      return LapsGrant.RESET;
    }
  }

  @Command(name = "grant-audit", description = "Audit password reads by principals on computers under the OU in the SACL (Set-AdmPwdAuditing, Set-LapsADAuditing).")
  static final class GrantAudit extends Grant {
    @Option(names = "--audit", defaultValue = "success", description = "success, failure or both (default: ${DEFAULT-VALUE}).")
    AuditType audit;

    enum AuditType {
      SUCCESS,
      FAILURE,
      BOTH
    }

    @Override
    LapsGrant grant() {
      return LapsGrant.AUDIT;
    }

    @Override
    int auditFlags() {
      return switch (audit) {
        case SUCCESS -> AceFlags.SUCCESSFUL_ACCESS;
        case FAILURE -> AceFlags.FAILED_ACCESS;
        case BOTH -> AceFlags.SUCCESSFUL_ACCESS | AceFlags.FAILED_ACCESS;
      };
    }
  }

  @Command(name = "audit", description = "Report the effective LAPS password readers (or, with --sacl, the audited principals) of every OU and of computers with explicit ACEs.")
  static final class Audit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Option(names = "--family", defaultValue = "all", description = "legacy, windows or all (default: ${DEFAULT-VALUE}).")
    FamilyChoice family;

    @Option(names = "--sacl", description = "Report which OUs audit password reads instead of who can read.")
    boolean sacl;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws DirectoryException {
      PrintWriter out = spec.commandLine().getOut();
      try (LapsDirectory directory = connection.open()) {
        SecurityDirectory security = SecurityDirectory.of(directory);
        LapsGuids guids = security.lapsGuids();
        List<SecuredObject> objects = security.snapshot(directory.baseDn(), sacl ? Part.SACL : Part.DACL);
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
            spec.commandLine().getErr().println("lapsbridge: warning: " + e.getMessage()
                + "; every computer with explicit ACEs will be listed");
          }
        }
        List<PermissionsAudit.Row> rows =
            PermissionsAudit.run(objects, guids, family.families(), sacl, computerDefault);
        List<AuditRow> printed = new ArrayList<>();
        for (PermissionsAudit.Row row : rows) {
          AccessFinding finding = row.finding();
          String access = sacl ? "audited"
              : finding.access() == AccessFinding.Access.READ ? "read" : "escalation";
          printed.add(new AuditRow(row.scope(), row.scopeKind(), name(row.family()), access,
              security.nameOf(finding.principal()), finding.principal().toString(), finding.why()));
        }
        PermissionRows.printAudit(out, format, printed);
      }
      out.flush();
      return ExitStatus.OK.code();
    }
  }

  static String name(AttributeFamily family) {
    return family.name().toLowerCase(Locale.ROOT);
  }
}
