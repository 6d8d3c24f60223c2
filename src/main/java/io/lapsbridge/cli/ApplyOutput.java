package io.lapsbridge.cli;

import io.lapsbridge.config.Terminal;
import io.lapsbridge.migration.apply.ApplyListener;
import io.lapsbridge.migration.apply.Applier;
import io.lapsbridge.report.ApplyText;
import io.lapsbridge.report.ProgressMeter;
import io.lapsbridge.usecase.ApplyMigration;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Where {@code migrate apply} and {@code resume} print as the applier runs: the lines of {@link
 * ApplyText} on stdout and stderr, the progress bar on stderr, and the exit status of the counts.
 */
final class ApplyOutput implements ApplyListener, ApplyMigration.Output {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean dryRun;
  private final boolean forceProgress;
  private ProgressMeter progress;

  ApplyOutput(PrintWriter out, PrintWriter err, boolean dryRun, boolean forceProgress) {
    this.out = out;
    this.err = err;
    this.dryRun = dryRun;
    this.forceProgress = forceProgress;
  }

  @Override
  public void notice(String line) {
    err.println(line);
  }

  /** The bar is sized once the applier knows how many actions are still to run. */
  @Override
  public ApplyListener listener(int pending) {
    progress = ProgressMeter.forStderr(
        err, "migrate", pending, Terminal.console() != null, forceProgress);
    return this;
  }

  @Override
  public void finished(List<Finished> results) {
    out.write(ApplyText.results(results, dryRun));
    out.flush();
    String failures = ApplyText.failures(results);
    if (!failures.isEmpty()) {
      err.write(failures);
      err.flush();
    }
  }

  @Override
  public void progress(int finished) {
    progress.update(finished);
  }

  @Override
  public void workersStillBusy(long seconds) {
    err.println("lapsbridge: workers still busy after " + seconds
        + " s; their last results may be missing from the journal");
  }

  @Override
  public void done(int finished) {
    progress.finish(finished);
  }

  /**
   * Runs {@code body} (an apply or a resume of {@code migration}), stopping it at the next action
   * if the JVM is asked to exit (Ctrl-C), and prints its closing counts. After a stop (Ctrl-C, or
   * the directory lost mid-run, which is then thrown as itself) it also says how many actions are
   * left and prints the exact command that continues the run.
   *
   * @param arguments the command line as given, for that command
   */
  int run(ApplyMigration migration, Callable<Applier.Summary> body, boolean resumed,
      List<String> arguments, String journal) throws Exception {
    try (ApplyMigration.StopOnExit stop = migration.stopOnExit()) {
      Applier.Summary summary;
      try {
        summary = body.call();
      } catch (ApplyMigration.Stopped stopped) {
        int unused = summarize(stopped.summary(), resumed);
        hint("the run stopped", stopped.summary(), arguments, journal);
        throw stopped.directoryFailure();
      }
      int status = summarize(summary, resumed);
      if (stop.requested()) {
        hint("interrupted", summary, arguments, journal);
      }
      return status;
    }
  }

  private void hint(String why, Applier.Summary summary, List<String> arguments, String journal) {
    if (!dryRun) {
      err.print(ApplyText.resumeHint(why, summary, arguments, journal));
      err.flush();
    }
  }

  /** Prints the closing counts and returns the exit status they mean. */
  int summarize(Applier.Summary summary, boolean resumed) {
    out.flush();
    err.print(ApplyText.summary(summary, dryRun, resumed));
    err.flush();
    if (summary.failed() > 0) {
      // Partial means some work is done; actions that never ran (a stop, the rest of a failed
      // computer's unit) are not success, so a run in which only failures happened is a problem.
      boolean anyDone = summary.applied() + summary.alreadyDone() + summary.stale()
          + summary.settledBefore() > 0;
      return anyDone ? ExitStatus.PARTIAL.code() : ExitStatus.PROBLEM.code();
    }
    return summary.stale() > 0 ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
  }
}
