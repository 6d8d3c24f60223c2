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

  /**
   * The line that ends a run stopped before its end (Ctrl-C, a lost directory): how many actions
   * are left (not run, or failed) and the exact command that continues it. {@code arguments} are
   * the command line as given ({@code migrate apply|resume ...}); they hold no secret (passwords
   * come from files, the environment or a prompt), and control characters are shown escaped.
   */
  public static String resumeHint(String why, Applier.Summary summary, List<String> arguments,
      String journal) {
    int left = summary.actions() - summary.settledBefore() - summary.applied()
        - summary.alreadyDone() - summary.stale();
    return "lapsbridge: " + why + "; " + left + " action(s) left; continue with: "
        + Visible.escape(resumeCommand(arguments, journal)) + "\n";
  }

  /** {@code lapsbridge migrate resume --journal JOURNAL} and the other options as given. */
  static String resumeCommand(List<String> arguments, String journal) {
    StringBuilder command = new StringBuilder("lapsbridge migrate resume --journal ")
        .append(shellQuoted(journal));
    int start = 0;
    if (arguments.size() >= 2 && arguments.get(0).equals("migrate")
        && (arguments.get(1).equals("apply") || arguments.get(1).equals("resume"))) {
      start = 2;
    }
    for (int i = start; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (argument.equals("--plan") || argument.equals("--journal")) {
        i++; // and its value
      } else if (!argument.startsWith("--plan=") && !argument.startsWith("--journal=")) {
        command.append(' ').append(shellQuoted(argument));
      }
    }
    return command.toString();
  }

  /** {@code text} as one POSIX shell word. */
  static String shellQuoted(String text) {
    if (!text.isEmpty() && text.chars().allMatch(c -> c < 128
        && (Character.isLetterOrDigit(c) || "_./:=@%+,-".indexOf(c) >= 0))) {
      return text;
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
