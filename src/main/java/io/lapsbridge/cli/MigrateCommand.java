package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EstateReader;
import io.lapsbridge.directory.GuardedWriter;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.Plan;
import io.lapsbridge.migration.PlanCodec;
import io.lapsbridge.migration.Planner;
import io.lapsbridge.migration.Rules;
import io.lapsbridge.migration.apply.Applier;
import io.lapsbridge.migration.apply.JournalStore;
import io.lapsbridge.migration.apply.PlanActions;
import io.lapsbridge.migration.apply.Resumption;
import io.lapsbridge.platform.journal.MigrationJournalFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lapsbridge migrate}: plan, check, apply and resume a migration to Windows LAPS. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
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

  /** Plans against the live estate. */
  static Plan plan(ConnectionOptions connection, MigrationOptions options, Path rulesFile,
      boolean allowDowngrade) throws DirectoryException {
    Rules rules = Rules.parse(rulesFile.getFileName().toString(), read(rulesFile, "--rules"));
    try (LapsDirectory directory = connection.open()) {
      EstateReader reader = new EstateReader(directory);
      Map<String, Set<String>> groups = reader.groupMembers(rules.groupDns());
      Planner planner = new Planner(rules, options.classifier(), allowDowngrade, groups);
      reader.forEachReadableComputer(null, planner::accept);
      return planner.plan();
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

  static void printPlan(Plan plan, PrintWriter out) {
    out.printf("Migration plan as of %s (rules %s, sha256 %s)%n", plan.asOf(), plan.rulesFile(),
        plan.rulesSha256().substring(0, 12));
    out.printf("Computers: %d; no rule: %d%n", plan.computers(), plan.unmatched());
    if (plan.actions().isEmpty()) {
      out.println("Actions: none");
    } else {
      StringBuilder counts = new StringBuilder();
      plan.actionCounts().forEach((k, v) -> counts.append(counts.length() == 0 ? "" : ", ")
          .append(k).append(' ').append(v));
      out.printf("Actions: %d (%s)%n", plan.actions().size(), counts);
    }
    out.printf("For a person: %d; waiting: %d%n", plan.flags().size(), plan.deferred().size());
    int id = 1;
    for (Action action : plan.actions()) {
      out.printf("%n%4d  %s  %s%n      rule %s: %s%n", id++, action.kind(), action.dn(),
          action.rule(), action.reason());
    }
    for (Plan.Note flag : plan.flags()) {
      out.printf("%nFLAG  %s  %s%n      %s%s%n", flag.state(), flag.dn(),
          flag.rule() == null ? "" : "rule " + flag.rule() + ": ", flag.reason());
    }
    for (Plan.Note later : plan.deferred()) {
      out.printf("%nWAIT  %s  %s%n      rule %s: %s%n", later.state(), later.dn(), later.rule(),
          later.reason());
    }
    out.flush();
  }

  /** Output formats of plan and check. */
  enum Format { TEXT, JSON }

  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = "Build a deterministic plan from the live estate and a rule file; writes nothing to the directory.")
  static final class PlanCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin MigrationOptions options;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "The rule file (YAML or JSON).")
    Path rules;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the plan (JSON) to this file, for migrate apply.")
    Path output;

    @Option(names = "--format", defaultValue = "text", description = "text or json on stdout (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--check", description = "Exit 1 when work remains (actions, flags or waiting cleanups).")
    boolean check;

    @Option(names = "--allow-downgrade", description = "Allow mirroring Windows LAPS passwords into cleartext " + io.lapsbridge.wire.LapsAttribute.Names.LEGACY_PASSWORD + ".")
    boolean allowDowngrade;

    @Override
    public Integer call() throws DirectoryException, IOException {
      Plan plan = plan(connection, options, rules, allowDowngrade);
      byte[] bytes = PlanCodec.write(plan);
      if (output != null) {
        Files.write(output, bytes);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.JSON) {
        out.print(new String(bytes, StandardCharsets.UTF_8));
        out.flush();
      } else {
        printPlan(plan, out);
      }
      return check && plan.workRemains() ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Plan and summarise; exit 1 when work remains, 0 when the estate matches the rules.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin MigrationOptions options;

    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "The rule file (YAML or JSON).")
    Path rules;

    @Override
    public Integer call() throws DirectoryException {
      Plan plan = plan(connection, options, rules, false);
      PrintWriter out = spec.commandLine().getOut();
      StringBuilder counts = new StringBuilder();
      plan.actionCounts().forEach((k, v) -> counts.append(", ").append(k).append(' ').append(v));
      out.printf("%d computers: %d actions%s; %d for a person; %d waiting%n", plan.computers(),
          plan.actions().size(), counts, plan.flags().size(), plan.deferred().size());
      out.println(plan.workRemains() ? "work remains" : "done: the estate matches the rules");
      out.flush();
      return plan.workRemains() ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
    }
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

    void validate() {
      if (connections < 1 || connections > 64) {
        throw new UsageException("--connections must be between 1 and 64: " + connections);
      }
      if (pipeline < 1 || pipeline > 1024) {
        throw new UsageException("--pipeline must be between 1 and 1024: " + pipeline);
      }
      if (rate < 0) {
        throw new UsageException("--rate must be 0 (no limit) or more: " + rate);
      }
    }
  }

  /**
   * Starts opening the writer's pool in the background, so that the TLS handshakes and binds
   * overlap reading the plan. Usage errors (options, the bind password file) surface here,
   * before anything connects.
   */
  static CompletableFuture<GuardedWriter> openWriter(ConnectionOptions connection,
      RunOptions run) {
    run.validate();
    return GuardedWriter.openInBackground(connection.settings(), run.connections, run.rate);
  }

  /** Runs {@code body}; if it fails, the writer being opened is closed once it is open. */
  static <T> T closingOnFailure(CompletableFuture<GuardedWriter> writer, Callable<T> body)
      throws Exception {
    try {
      return body.call();
    } catch (Exception | Error e) {
      writer.thenAccept(GuardedWriter::close);
      throw e;
    }
  }

  /**
   * Runs {@code actions} on the writer being opened, journalling to {@code journal} (nothing on
   * a dry run), and prints what happens.
   */
  static int runActions(CommandSpec spec, RunOptions run, CompletableFuture<GuardedWriter> opening,
      List<Action> actions, JournalStore journal, Optional<Journal.State> resumed)
      throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    try (GuardedWriter writer = GuardedWriter.await(opening)) {
      if (!writer.usesAssertionControl()) {
        err.println("migrate: the server does not support the assertion control (RFC 4528);"
            + " each write is guarded by deleting the value the plan saw in the same modify;"
            + " mirrors and cleanups are then read back");
      }
      Applier<DirectoryException> applier = new Applier<>(writer,
          new Applier.Options(run.dryRun, run.connections, run.pipeline), actions, resumed);
      ApplyOutput output = new ApplyOutput(spec.commandLine().getOut(), err, run.dryRun,
          applier.pending(), run.progress);
      Applier.Summary summary = applier.run(run.dryRun ? null : journal.append(), output);
      return output.summarize(summary, resumed.isPresent());
    }
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = "Apply a plan: re-validate each action, write conditionally, read back, journal.")
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin RunOptions run;

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
      CompletableFuture<GuardedWriter> writer = openWriter(connection, run);
      PlanActions plan = closingOnFailure(writer, () -> {
        PlanActions read = PlanActions.read(planFile.toString(), bytes);
        if (!run.dryRun) {
          store.begin(Journal.begin(planFile.toAbsolutePath().toString(), read.sha256(),
              Instant.now().toString()));
        }
        return read;
      });
      return runActions(spec, run, writer, plan.actions(), store, Optional.empty());
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Continue an interrupted apply from its journal; converges to the same end state.")
  static final class Resume implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ConnectionOptions connection;
    @Mixin RunOptions run;

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
      CompletableFuture<GuardedWriter> writer = openWriter(connection, run);
      PlanActions plan = closingOnFailure(writer, () -> {
        PlanActions read =
            PlanActions.readUnchanged(planFile.toString(), bytes, journal.toString(), state);
        if (!run.dryRun) {
          Resumption.cutTornTail(store, journalBytes);
        }
        return read;
      });
      return runActions(spec, run, writer, plan.actions(), store, Optional.of(state));
    }
  }
}
