package io.lapsbridge.report;

import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.apply.Applier;
import io.lapsbridge.migration.apply.ApplyListener.Finished;
import java.util.List;

/**
 * The text of {@code migrate apply} and {@code resume}: one tab-separated line per finished
 * action for stdout, one line per failure for stderr, and the closing counts. Each batch is one
 * string, so that it is written in one piece while workers keep finishing.
 */
public final class ApplyText {
  private ApplyText() {}

  /** Id, kind, DN, outcome ({@code would-apply} on a dry run) and reason, per action. */
  public static String results(List<Finished> results, boolean dryRun) {
    StringBuilder lines = new StringBuilder();
    for (Finished f : results) {
      Journal.Outcome outcome = f.result().outcome();
      String label = dryRun && outcome == Journal.Outcome.APPLIED ? "would-apply" : outcome.key();
      lines.append(f.id()).append('\t').append(f.action().kind()).append('\t')
          .append(Visible.escape(f.action().dn())).append('\t').append(label).append('\t')
          .append(Visible.escape(f.result().reason())).append('\n');
    }
    return lines.toString();
  }

  /** A line per failed action; empty when none failed. */
  public static String failures(List<Finished> results) {
    StringBuilder failures = new StringBuilder();
    for (Finished f : results) {
      if (f.result().outcome() == Journal.Outcome.FAILED) {
        failures.append("lapsbridge: action ").append(f.id()).append(" on ")
            .append(Visible.escape(f.action().dn())).append(" failed: ")
            .append(Visible.escape(f.result().reason()))
            .append('\n');
      }
    }
    return failures.toString();
  }

  /** The closing counts, with how many actions a resumed run found settled before. */
  public static String summary(Applier.Summary summary, boolean dryRun, boolean resumed) {
    // Actions after a failure on the same computer, or after a stop, never ran: resume runs them.
    int notRun = summary.actions() - summary.settledBefore() - summary.applied()
        - summary.alreadyDone() - summary.stale() - summary.failed();
    return String.format("migrate: %d actions: %s %d, already done %d, stale %d, failed %d%s%s%n",
        summary.actions(), dryRun ? "would apply" : "applied", summary.applied(),
        summary.alreadyDone(), summary.stale(), summary.failed(),
        notRun > 0 ? ", not run " + notRun : "",
        resumed ? " (resumed; " + summary.settledBefore() + " settled before)" : "");
  }
}
