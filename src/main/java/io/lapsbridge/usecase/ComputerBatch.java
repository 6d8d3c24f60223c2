package io.lapsbridge.usecase;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.ComputerRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one piece of work per named computer. One computer's failure is handed to the caller and
 * counted, and the rest go on; an unreachable directory ends the whole run.
 */
public final class ComputerBatch {
  private ComputerBatch() {}

  /** What a command does with one located computer; {@code results} collects what it prints. */
  public interface Work<T> {
    void accept(ComputerRef computer, LapsRecord record, Consumer<? super T> results)
        throws DirectoryException;
  }

  /**
   * How a batch ended.
   *
   * @param succeeded how many computers the work finished for
   * @param failures each failed computer's exception, in the order of the names
   */
  public record Outcome(int succeeded, List<DirectoryException> failures) {
    public Outcome {
      failures = List.copyOf(failures);
    }
  }

  /**
   * Locates and reads each of {@code names} and runs {@code work} on it. Results go to {@code
   * results} as they are made, so that what was written before a failure is still reported;
   * {@code notes} hears how a name was resolved when that was not exact.
   */
  public static <T> Outcome run(LapsDirectory directory, List<String> names, Work<T> work,
      Consumer<? super T> results, Consumer<? super DirectoryException> onFailure,
      Consumer<String> notes) throws DirectoryException {
    List<DirectoryException> failures = new ArrayList<>();
    int succeeded = 0;
    for (String name : names) {
      try {
        ComputerRef computer = directory.locate(name, notes);
        work.accept(computer, directory.read(computer), results);
        succeeded++;
      } catch (DirectoryException e) {
        if (e.kind() == DirectoryException.Kind.UNREACHABLE) {
          throw e;
        }
        failures.add(e);
        onFailure.accept(e);
      }
    }
    return new Outcome(succeeded, failures);
  }
}
