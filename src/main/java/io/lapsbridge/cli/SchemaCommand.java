package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.SchemaChange;
import io.lapsbridge.directory.SchemaReport;
import io.lapsbridge.directory.SchemaService;
import io.lapsbridge.directory.schema.FamilySelection;
import io.lapsbridge.directory.schema.SchemaLdif;
import io.lapsbridge.directory.schema.SchemaTarget;
import io.lapsbridge.report.SchemaCheckTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code schema print|check|extend}. */
@Command(
    name = "schema",
    description = "Print, check or extend the LAPS schema.",
    subcommands = {SchemaCommand.Print.class, SchemaCommand.Check.class, SchemaCommand.Extend.class})
final class SchemaCommand {
  @Command(name = "print", description = "Print the schema-extension LDIF for a directory product.")
  static final class Print implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--target", defaultValue = "ad", description = "ad, apacheds or openldap (default: ${DEFAULT-VALUE}).")
    SchemaTarget target;

    @Option(names = "--family", defaultValue = "all", description = "legacy, windows or all (default: ${DEFAULT-VALUE}).")
    FamilySelection family;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(SchemaLdif.render(target, family));
      return ExitStatus.OK.code();
    }
  }

  @Command(name = "check", description = "Report which LAPS attributes and class links a directory has; exit 4 when any is missing.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Option(names = "--family", defaultValue = "all", description = "legacy, windows or all (default: ${DEFAULT-VALUE}).")
    FamilySelection family;

    @Override
    public Integer call() throws DirectoryException {
      try (LapsDirectory directory = connection.open()) {
        SchemaReport report = new SchemaService(directory).check(family);
        SchemaCheckTable.print(spec.commandLine().getOut(), report);
        if (!report.complete()) {
          spec.commandLine().getErr().println("lapsbridge: " + SchemaCheckTable.remedy(report));
          return ExitStatus.SCHEMA.code();
        }
        return ExitStatus.OK.code();
      }
    }
  }

  @Command(name = "extend", description = "Add the missing LAPS schema parts. A second run changes nothing.")
  static final class Extend implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;

    @Option(names = "--family", defaultValue = "all", description = "legacy, windows or all (default: ${DEFAULT-VALUE}).")
    FamilySelection family;

    @Option(names = "--dry-run", description = "Print the changes as LDIF and write nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws DirectoryException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (LapsDirectory directory = connection.open()) {
        SchemaService schema = new SchemaService(directory);
        List<SchemaChange> plan = dryRun ? schema.plan(family) : schema.extend(family);
        if (plan.isEmpty()) {
          err.println("lapsbridge: the LAPS schema is already complete; nothing to do");
          return ExitStatus.OK.code();
        }
        SchemaCheckTable.printChanges(out, plan);
        err.println("lapsbridge: " + (dryRun ? "would apply " : "applied ") + plan.size()
            + " schema change(s)");
        return ExitStatus.OK.code();
      }
    }
  }
}
