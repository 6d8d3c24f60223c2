package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.Plan;
import io.lapsbridge.migration.PlanCodec;
import io.lapsbridge.migration.Rules;
import io.lapsbridge.migration.apply.JournalStore;
import io.lapsbridge.platform.journal.MigrationJournalFile;
import io.lapsbridge.report.PlanText;
import io.lapsbridge.report.Visible;
import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.usecase.ApplyMigration;
import io.lapsbridge.usecase.EntraRecheck;
import io.lapsbridge.usecase.MirrorKeys;
import io.lapsbridge.usecase.PlanMigration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lapsbridge migrate}: plan, check, apply and resume a migration to Windows LAPS. */
@Command(
    name = "migrate",
    description = "Plan and apply a migration from legacy LAPS to Windows LAPS, with a journal.",
    subcommands = {
      MigrateCommand.PlanCommand.class,
      MigrateCommand.Check.class,
      MigrateCommand.Apply.class,
      MigrateCommand.Resume.class
    })
final class MigrateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a migrate command is required");
  }

  /** Plans against the live estate; the rule file is read and checked before connecting. */
  static Plan plan(ConnectionOptions connection, EntraOptions entraOptions,
      MigrationOptions options, Path rulesFile, boolean allowDowngrade, PrintWriter err)
      throws DirectoryException, GraphException {
    Rules rules = Rules.parse(rulesFile.getFileName().toString(), read(rulesFile, "--rules"));
    // Entra only for rules with afterEntraMove: clear (#16); others never need its options.
    EntraDirectory entra = rules.needEntra() ? entraOptions.open(connection) : null;
    try (LapsDirectory directory = connection.open()) {
      return PlanMigration.plan(directory, entra, rules, options.classifier(), allowDowngrade,
          rule -> {
        // Most often a typo in the DN; the plan is still made and the exit status unchanged.
        err.println("lapsbridge: warning: rule '" + Visible.escape(rule.name()) + "': "
            + Visible.escape(rule.scope().describe()) + " matches no computer");
        err.flush();
      });
    }
  }

  static byte[] read(Path file, String option) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UsageException(option + " " + file + ": no such file");
    } catch (IOException e) {
      throw new UsageException("cannot read " + option + " " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  /** Output formats of plan and check. */
  enum Format { TEXT, JSON }

  @Command(name = "plan",
      description = "Build a deterministic plan from the live estate and a rule file; writes nothing to the directory.")
  static final class PlanCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin MigrationOptions options;
    @Mixin EntraOptions entra;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "The rule file (YAML or JSON).")
    Path rules;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the plan (JSON) to this file, for migrate apply.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the --output file when it exists (never the command's input).")
    boolean overwrite;

    @Option(names = "--format", defaultValue = "text", description = "text or json on stdout (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--check", description = "Exit 1 when work remains (actions, flags or waiting cleanups).")
    boolean check;

    @Option(names = "--allow-downgrade", description = "Allow mirroring Windows LAPS passwords into cleartext " + io.lapsbridge.wire.LapsAttribute.Names.LEGACY_PASSWORD + ".")
    boolean allowDowngrade;

    @Override
    public Integer call() throws DirectoryException, GraphException, IOException {
      if (output != null) {
        OutputFile.check("--output", output, overwrite, rules);
      }
      Plan plan = plan(connection, entra, options, rules, allowDowngrade,
          spec.commandLine().getErr());
      byte[] bytes = PlanCodec.write(plan);
      if (output != null) {
        Files.write(output, bytes);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.JSON) {
        out.print(new String(bytes, StandardCharsets.UTF_8));
        out.flush();
      } else {
        PlanText.print(out, plan);
      }
      return check && plan.workRemains() ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
    }
  }

  @Command(name = "check",
      description = "Plan and summarise; exit 1 when work remains, 0 when the estate matches the rules.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin MigrationOptions options;
    @Mixin EntraOptions entra;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "The rule file (YAML or JSON).")
    Path rules;

    @Override
    public Integer call() throws DirectoryException, GraphException {
      Plan plan = plan(connection, entra, options, rules, false, spec.commandLine().getErr());
      PlanText.printCheck(spec.commandLine().getOut(), plan);
      return plan.workRemains() ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
    }
  }

  /** The command line as given, for the command that continues a stopped run. */
  static List<String> arguments(CommandSpec spec) {
    return spec.root().commandLine().getParseResult().originalArgs();
  }

  /** Options shared by apply and resume. */
  static final class RunOptions {
    @Option(names = "--dry-run", description = "Check every action against the live entry and write nothing (no journal either).")
    boolean dryRun;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "N", description = "At most N writes per second; 0 for no limit (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--connections", defaultValue = "4", paramLabel = "N", description = "Connections in the pool, and parallel workers; actions that read first (mirrors, cleanup) use them all (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--pipeline", defaultValue = "32", paramLabel = "N", description = "Force rotations, which need no read first, are sent on one connection with up to N writes in flight; 1 sends them one at a time (default: ${DEFAULT-VALUE}).")
    int pipeline;

    @Option(names = "--progress", description = "Print progress on stderr even when it is not a terminal.")
    boolean progress;

    @Option(names = "--public-key-file", paramLabel = "FILE", description = "Encrypt mirrors with this published group public key (kds public-key) instead of asking a domain controller (GetKey).")
    Path publicKeyFile;

    @Option(names = "--rpc-port", defaultValue = "${env:LAPSBRIDGE_RPC_PORT:-135}", description = "The domain controller's RPC endpoint mapper port for GetKey, which encrypted mirrors use for the group public key (default: 135; env LAPSBRIDGE_RPC_PORT).")
    int rpcPort;

    /**
     * Checks the options, then starts opening the writer's pool in the background while the plan
     * is read: usage errors (options, the bind password file) come before anything connects.
     */
    ApplyMigration start(ConnectionOptions connection) {
      if (connections < 1 || connections > 64) {
        throw new UsageException("--connections must be between 1 and 64: " + connections);
      }
      if (pipeline < 1 || pipeline > 1024) {
        throw new UsageException("--pipeline must be between 1 and 1024: " + pipeline);
      }
      if (rate < 0) {
        throw new UsageException("--rate must be 0 (no limit) or more: " + rate);
      }
      if (rpcPort < 1 || rpcPort > 65535) {
        throw new UsageException("--rpc-port must be between 1 and 65535: " + rpcPort);
      }
      return ApplyMigration.start(connection.settings(),
          new ApplyMigration.Settings(dryRun, connections, pipeline, rate),
          MirrorKeys.of(publicKeyFile, rpcPort));
    }

    ApplyOutput output(CommandSpec spec) {
      return new ApplyOutput(
          spec.commandLine().getOut(), spec.commandLine().getErr(), dryRun, progress);
    }
  }

  @Command(name = "apply",
      description = "Apply a plan: re-validate each action, write conditionally, read back, journal.")
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin RunOptions run;
    @Mixin EntraOptions entra;

    @Option(names = "--plan", required = true, paramLabel = "FILE", description = "The plan from migrate plan --output.")
    Path planFile;

    @Option(names = "--journal", paramLabel = "FILE", description = "The append-only journal (default: PLAN.journal).")
    Path journal;

    @Override
    public Integer call() throws Exception {
      Path journalFile = journal != null ? journal : Path.of(planFile + ".journal");
      JournalStore store = new MigrationJournalFile(journalFile);
      // Local refusals come before anything connects, so they never cost a bind attempt.
      byte[] bytes = read(planFile, "--plan");
      if (!run.dryRun && store.hasRecords()) {
        throw new UsageException("journal " + journalFile + " already exists: continue with"
            + " `migrate resume --journal " + journalFile + "`, or remove it to start over");
      }
      ApplyMigration migration = run.start(connection)
          .withEntra(new EntraRecheck(() -> entra.open(connection)));
      ApplyOutput output = run.output(spec);
      return output.run(migration,
          () -> migration.apply(planFile, bytes, store, Instant.now(), output), false,
          arguments(spec), journalFile.toString());
    }
  }

  @Command(name = "resume",
      description = "Continue an interrupted apply from its journal; converges to the same end state.")
  static final class Resume implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin RunOptions run;
    @Mixin EntraOptions entra;

    @Option(names = "--journal", required = true, paramLabel = "FILE", description = "The journal of the interrupted apply.")
    Path journal;

    @Override
    public Integer call() throws Exception {
      JournalStore store = new MigrationJournalFile(journal);
      byte[] journalBytes = read(journal, "--journal");
      Journal.State state =
          Journal.replay(journal.toString(), new String(journalBytes, StandardCharsets.UTF_8));
      Path planFile = Path.of(state.planPath());
      byte[] bytes = read(planFile, "the journal's plan");
      ApplyMigration migration = run.start(connection)
          .withEntra(new EntraRecheck(() -> entra.open(connection)));
      ApplyOutput output = run.output(spec);
      return output.run(migration,
          () -> migration.resume(journal, journalBytes, state, planFile, bytes, store, output),
          true, arguments(spec), journal.toString());
    }
  }
}
