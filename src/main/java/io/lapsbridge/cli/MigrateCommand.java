package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EstateReader;
import io.lapsbridge.directory.GuardedWriter;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.MigrationInputException;
import io.lapsbridge.migration.Plan;
import io.lapsbridge.migration.PlanCodec;
import io.lapsbridge.migration.Planner;
import io.lapsbridge.migration.Rules;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
      reader.forEachComputer(null, planner::accept);
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

    @Option(names = "--allow-downgrade", description = "Allow mirroring Windows LAPS passwords into cleartext ms-Mcs-AdmPwd.")
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

    @Option(names = "--connections", defaultValue = "4", paramLabel = "N", description = "Connections in the pool, and parallel workers (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--progress", description = "Print progress on stderr even when it is not a terminal.")
    boolean progress;
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
      byte[] bytes = read(planFile, "--plan");
      Plan plan = PlanCodec.read(planFile.toString(), bytes);
      if (!run.dryRun && Files.exists(journalFile) && Files.size(journalFile) > 0) {
        throw new UsageException("journal " + journalFile + " already exists: continue with"
            + " `migrate resume --journal " + journalFile + "`, or remove it to start over");
      }
      Journal.State state = null;
      if (!run.dryRun) {
        Files.writeString(journalFile, Journal.begin(planFile.toAbsolutePath().toString(),
            sha256(bytes), Instant.now().toString()), StandardCharsets.UTF_8);
      }
      return new Runner(spec, connection, run, plan, journalFile, state).call();
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
      String text = new String(read(journal, "--journal"), StandardCharsets.UTF_8);
      Journal.State state = Journal.replay(journal.toString(), text);
      Path planFile = Path.of(state.planPath());
      byte[] bytes = read(planFile, "the journal's plan");
      if (!sha256(bytes).equals(state.planSha256())) {
        throw new MigrationInputException(journal + ": the plan " + planFile
            + " changed since apply began (SHA-256 differs); plan and apply again");
      }
      Plan plan = PlanCodec.read(planFile.toString(), bytes);
      if (!run.dryRun && state.tornTail()) {
        // End the line a kill cut short, so the next record starts on its own line.
        Files.writeString(journal, "\n", StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.APPEND);
      }
      return new Runner(spec, connection, run, plan, journal, state).call();
    }
  }

  /** Runs a plan's actions: one worker per connection, a computer's actions in plan order. */
  static final class Runner implements Callable<Integer> {
    private final CommandSpec spec;
    private final ConnectionOptions connection;
    private final RunOptions run;
    private final Plan plan;
    private final Path journalFile;
    private final Journal.State resumed;
    private final AtomicInteger[] tally = {
      new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()
    };
    private final AtomicInteger finished = new AtomicInteger();
    private OutputStream journal;

    Runner(CommandSpec spec, ConnectionOptions connection, RunOptions run, Plan plan,
        Path journalFile, Journal.State resumed) {
      this.spec = spec;
      this.connection = connection;
      this.run = run;
      this.plan = plan;
      this.journalFile = journalFile;
      this.resumed = resumed;
    }

    @Override
    public Integer call() throws Exception {
      if (run.connections < 1 || run.connections > 64) {
        throw new UsageException("--connections must be between 1 and 64: " + run.connections);
      }
      if (run.rate < 0) {
        throw new UsageException("--rate must be 0 (no limit) or more: " + run.rate);
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<List<Integer>> work = groupByComputer();
      int skipped = 0;
      for (int id = 1; resumed != null && id <= plan.actions().size(); id++) {
        skipped += resumed.outcome(id).map(Journal.Outcome::settled).orElse(false) ? 1 : 0;
      }
      try (GuardedWriter writer = GuardedWriter.open(connection.settings(), run.connections,
          run.rate)) {
        if (!writer.usesAssertionControl()) {
          err.println("migrate: the server does not support the assertion control (RFC 4528);"
              + " each write is guarded by deleting the value the plan saw in the same modify;"
              + " mirrors and cleanups are then read back");
        }
        if (!run.dryRun) {
          journal = new FileOutputStream(journalFile.toFile(), true);
        }
        ExecutorService pool = Executors.newFixedThreadPool(run.connections);
        boolean showProgress = run.progress || System.console() != null;
        try {
          List<Future<?>> futures = new ArrayList<>();
          for (List<Integer> ids : work) {
            futures.add(pool.submit(() -> {
              for (int id : ids) {
                perform(writer, id, out, err);
              }
              return null;
            }));
          }
          long lastReport = System.nanoTime();
          for (Future<?> future : futures) {
            try {
              future.get();
            } catch (ExecutionException e) {
              if (e.getCause() instanceof DirectoryException directory) {
                throw directory;
              }
              throw e;
            }
            if (showProgress && System.nanoTime() - lastReport > 2_000_000_000L) {
              lastReport = System.nanoTime();
              err.printf("migrate: %d/%d actions%n", finished.get(), plan.actions().size());
              err.flush();
            }
          }
        } finally {
          pool.shutdownNow();
          if (journal != null) {
            journal.close();
          }
        }
      }
      out.flush();
      int applied = tally[0].get();
      int done = tally[1].get();
      int stale = tally[2].get();
      int failed = tally[3].get();
      err.printf("migrate: %d actions: %s %d, already done %d, stale %d, failed %d%s%n",
          plan.actions().size(), run.dryRun ? "would apply" : "applied", applied, done, stale,
          failed, resumed == null ? "" : " (resumed; " + skipped + " settled before)");
      err.flush();
      if (failed > 0) {
        return applied + done + stale > 0 || plan.actions().size() > failed
            ? ExitStatus.PARTIAL.code() : ExitStatus.PROBLEM.code();
      }
      return stale > 0 ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
    }

    /** Action ids grouped by computer; ids settled in a resumed journal are left out. */
    private List<List<Integer>> groupByComputer() {
      List<List<Integer>> groups = new ArrayList<>();
      String last = null;
      for (int i = 0; i < plan.actions().size(); i++) {
        int id = i + 1;
        if (resumed != null && resumed.outcome(id).map(Journal.Outcome::settled).orElse(false)) {
          continue;
        }
        String dn = plan.actions().get(i).dn();
        if (!dn.equals(last)) {
          groups.add(new ArrayList<>());
          last = dn;
        }
        groups.get(groups.size() - 1).add(id);
      }
      return groups;
    }

    private void perform(GuardedWriter writer, int id, PrintWriter out, PrintWriter err)
        throws DirectoryException, IOException {
      Action action = plan.actions().get(id - 1);
      journal(Journal.start(id));
      GuardedWriter.Result result;
      try {
        result = writer.perform(action, run.dryRun);
      } catch (DirectoryException e) {
        if (e.kind() == DirectoryException.Kind.UNREACHABLE) {
          throw e;
        }
        result = new GuardedWriter.Result(Journal.Outcome.FAILED, e.getMessage());
      }
      journal(Journal.end(id, result.outcome(), result.reason()));
      tally[result.outcome().ordinal()].incrementAndGet();
      finished.incrementAndGet();
      String label = run.dryRun && result.outcome() == Journal.Outcome.APPLIED
          ? "would-apply" : result.outcome().key();
      synchronized (out) {
        out.printf("%d\t%s\t%s\t%s\t%s%n", id, action.kind(), action.dn(), label, result.reason());
      }
      if (result.outcome() == Journal.Outcome.FAILED) {
        synchronized (err) {
          err.println("lapsbridge: action " + id + " on " + action.dn() + " failed: "
              + result.reason());
          err.flush();
        }
      }
    }

    /** One write per line: a kill leaves at most the last line torn. */
    private void journal(String line) throws IOException {
      if (journal == null) {
        return;
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      synchronized (this) {
        journal.write(bytes);
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
