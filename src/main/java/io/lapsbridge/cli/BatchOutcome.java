package io.lapsbridge.cli;

import java.io.PrintWriter;

/** Tallies per-object results of a multi-object command into one exit status. */
final class BatchOutcome {
  private int succeeded;
  private int failed;
  private ExitStatus firstFailure;

  void success() {
    succeeded++;
  }

  /** Reports one object's failure on stderr as one line and remembers its status. */
  void failure(PrintWriter err, Exception exception) {
    Failure failure = Failure.of(exception);
    err.println("lapsbridge: " + failure.message());
    err.flush();
    failed++;
    if (firstFailure == null) {
      firstFailure = failure.status();
    }
  }

  ExitStatus status() {
    if (failed == 0) {
      return ExitStatus.OK;
    }
    return succeeded == 0 ? firstFailure : ExitStatus.PARTIAL;
  }
}
