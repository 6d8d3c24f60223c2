package io.lapsbridge.cli;

import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.apply.ApplyListener;
import io.lapsbridge.migration.apply.Applier;
import io.lapsbridge.report.ProgressMeter;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code migrate apply} and {@code resume} print: one tab-separated line per action on
 * stdout, a line per failure and the progress bar on stderr, and the closing counts.
 */
final class ApplyOutput implements ApplyListener {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean dryRun;
  private final ProgressMeter progress;

  ApplyOutput(PrintWriter out, PrintWriter err, boolean dryRun, int actions,
      boolean forceProgress) {
    this.out = out;
    this.err = err;
    this.dryRun = dryRun;
    this.progress = ProgressMeter.forStderr(err, "migrate", actions, forceProgress);
  }

  @Override
  public void finished(List<Finished> results) {
    StringBuilder lines = new StringBuilder();
    StringBuilder failures = new StringBuilder();
    for (Finished f : results) {
      Journal.Outcome outcome = f.result().outcome();
      String label = dryRun && outcome == Journal.Outcome.APPLIED ? "would-apply" : outcome.key();
      lines.append(f.id()).append('\t').append(f.action().kind()).append('\t')
          .append(f.action().dn()).append('\t').append(label).append('\t')
          .append(f.result().reason()).append('\n');
      if (outcome == Journal.Outcome.FAILED) {
        failures.append("lapsbridge: action ").append(f.id()).append(" on ")
            .append(f.action().dn()).append(" failed: ").append(f.result().reason())
            .append('\n');
      }
    }
    out.write(lines.toString());
    out.flush();
    if (failures.length() > 0) {
      err.write(failures.toString());
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
    err.printf("migrate: %d actions: %s %d, already done %d, stale %d, failed %d%s%n",
        summary.actions(), dryRun ? "would apply" : "applied", summary.applied(),
        summary.alreadyDone(), summary.stale(), summary.failed(),
        resumed ? " (resumed; " + summary.settledBefore() + " settled before)" : "");
    err.flush();
    if (summary.failed() > 0) {
      return summary.applied() + summary.alreadyDone() + summary.stale() > 0
          || summary.actions() > summary.failed()
          ? ExitStatus.PARTIAL.code() : ExitStatus.PROBLEM.code();
    }
    return summary.stale() > 0 ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
  }
}
