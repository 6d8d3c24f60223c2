package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.ComputerRef;
import java.io.PrintWriter;
import java.util.List;

/** Tallies per-object results of a multi-object command into one exit status. */
final class BatchOutcome {
  private int succeeded;
  private int failed;
  private ExitStatus firstFailure;

  /** What a command does with one located computer. */
  interface ComputerWork {
    void accept(ComputerRef computer, LapsRecord record) throws DirectoryException;
  }

  /**
   * Locates and reads each named computer and hands it to {@code work}. A failure for one
   * computer is reported and counted; an unreachable directory ends the whole run.
   */
  void forEachComputer(LapsDirectory directory, List<String> names, PrintWriter err,
      ComputerWork work) throws DirectoryException {
    for (String name : names) {
      try {
        ComputerRef computer = directory.locate(name, note -> err.println("lapsbridge: note: "
            + note));
        work.accept(computer, directory.read(computer));
        success();
      } catch (DirectoryException e) {
        if (e.kind() == DirectoryException.Kind.UNREACHABLE) {
          throw e;
        }
        failure(err, e);
      }
    }
  }

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
