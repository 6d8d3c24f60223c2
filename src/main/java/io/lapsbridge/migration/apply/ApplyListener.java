package io.lapsbridge.migration.apply;

import java.io.IOException;
import java.util.List;

/**
 * Where an apply reports, always on the thread that called {@link Applier#run}: the results
 * since the last report (after their journal lines are written, so no output runs ahead of the
 * journal), and how many actions have finished.
 */
public interface ApplyListener {
  /** One action's result, for the output. */
  record Finished(int id, io.lapsbridge.migration.Action action, ActionResult result) {}

  void finished(List<Finished> results) throws IOException;

  void progress(int finished);

  /** Workers were still finishing actions when the run gave up waiting for them. */
  void workersStillBusy(long seconds);

  /** The run has stopped; {@code finished} actions have a result. */
  void done(int finished);
}
