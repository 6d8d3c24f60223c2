package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.report.OutputFormat;
import io.lapsbridge.report.PermissionRows;
import io.lapsbridge.security.AuditedAccess;
import io.lapsbridge.security.LapsGrant;
import io.lapsbridge.usecase.AuditPermissions;
import io.lapsbridge.usecase.GrantPermissions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
      if (!LapsDirectory.isDn(ou)) {
        throw new UsageException("--ou '" + ou + "' is not a DN such as"
            + " OU=Workstations,DC=corp,DC=example,DC=com");
      }
      GrantPermissions.Result result;
      try (LapsDirectory directory = connection.open()) {
        result = GrantPermissions.run(directory, new GrantPermissions.Request(ou, grant(),
            family.families(), family == FamilyChoice.ALL, principals, auditFlags(), dryRun),
            err::println);
      }
      PermissionRows.printGrants(out, format, result.rows());
      if (!result.changed()) {
        err.println("nothing to add: every ACE is already present on " + ou);
      } else if (dryRun) {
        err.println("dry run: nothing was written to " + ou);
      } else {
        err.println("updated the " + result.part() + " of " + ou);
      }
      out.flush();
      err.flush();
      return ExitStatus.OK.code();
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
    AuditedAccess audit;

    @Override
    LapsGrant grant() {
      return LapsGrant.AUDIT;
    }

    @Override
    int auditFlags() {
      return audit.aceFlags();
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
      PrintWriter err = spec.commandLine().getErr();
      try (LapsDirectory directory = connection.open()) {
        PermissionRows.printAudit(out, format, AuditPermissions.run(directory, family.families(),
            sacl, warning -> err.println("lapsbridge: warning: " + warning)));
      }
      out.flush();
      return ExitStatus.OK.code();
    }
  }
}
