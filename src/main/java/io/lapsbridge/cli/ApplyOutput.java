package io.lapsbridge.cli;

import io.lapsbridge.config.Terminal;
import io.lapsbridge.migration.apply.ApplyListener;
import io.lapsbridge.migration.apply.Applier;
import io.lapsbridge.report.ApplyText;
import io.lapsbridge.report.ProgressMeter;
import io.lapsbridge.usecase.ApplyMigration;
import java.io.PrintWriter;
import java.util.List;

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
