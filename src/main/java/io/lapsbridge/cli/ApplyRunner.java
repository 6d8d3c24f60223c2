package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.GuardedWriter;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs a plan's actions for {@code migrate apply} and {@code migrate resume}: one worker per
 * pooled connection, each taking the next whole computer from a shared cursor so that a
 * computer's actions run in plan order on one thread.
 *
 * <p>The hot path is kept to the directory round trip: workers append journal and output lines
 * to buffers, and the main thread writes them out every {@value #TICK_MILLIS} ms while it draws
 * progress. A {@code kill -9} can therefore lose the last tick's journal lines; resume re-checks
 * those actions against the live entries and reports them already-done, so nothing is repeated
 * and no end state differs (see docs/migration.md, "Journal").
 */
final class ApplyRunner {
  private static final long TICK_MILLIS = 100;
  private static final long WORKER_STOP_SECONDS = 60;

  private final CommandSpec spec;
  private final MigrateCommand.RunOptions run;
  private final List<Action> actions;
  private final Path journalFile;
  private final Journal.State resumed;
  private final AtomicInteger[] tally = {
    new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()
  };
  private final AtomicInteger finished = new AtomicInteger();
  private final StringBuilder pendingOut = new StringBuilder();
  private final StringBuilder pendingErr = new StringBuilder();
  private JournalBuffer journal;
  private volatile boolean stopping;

  ApplyRunner(CommandSpec spec, MigrateCommand.RunOptions run, List<Action> actions,
      Path journalFile, Journal.State resumed) {
    this.spec = spec;
    this.run = run;
    this.actions = actions;
    this.journalFile = journalFile;
    this.resumed = resumed;
  }

  /** Runs the actions on the writer {@link MigrateCommand#openWriter} is opening. */
  int call(CompletableFuture<GuardedWriter> opening) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<int[]> groups = groupByComputer();
    int pending = 0;
    for (int[] ids : groups) {
      pending += ids.length;
    }
    Work work = split(groups);
    int skipped = actions.size() - pending;
    try (GuardedWriter writer = await(opening)) {
      if (!writer.usesAssertionControl()) {
        err.println("migrate: the server does not support the assertion control (RFC 4528);"
            + " each write is guarded by deleting the value the plan saw in the same modify;"
            + " mirrors and cleanups are then read back");
      }
      if (!run.dryRun) {
        journal = new JournalBuffer(new FileOutputStream(journalFile.toFile(), true));
      }
      ProgressMeter progress = ProgressMeter.forStderr(err, "migrate", pending, run.progress);
      Throwable failure = null;
      try {
        runWorkers(writer, work, out, err, progress);
      } catch (Exception | Error e) {
        failure = e;
        throw e;
      } finally {
        // The workers have stopped: write what they left, end the bar's line, and let a
        // cleanup failure never hide the one that stopped the run.
        try {
          drain(out, err);
          if (journal != null) {
            journal.close();
          }
        } catch (IOException | RuntimeException e) {
          if (failure == null) {
            throw e;
          }
          failure.addSuppressed(e);
        } finally {
          progress.finish(finished.get());
        }
      }
    }
    out.flush();
    int applied = tally[0].get();
    int done = tally[1].get();
    int stale = tally[2].get();
    int failed = tally[3].get();
    err.printf("migrate: %d actions: %s %d, already done %d, stale %d, failed %d%s%n",
        actions.size(), run.dryRun ? "would apply" : "applied", applied, done, stale,
        failed, resumed == null ? "" : " (resumed; " + skipped + " settled before)");
    err.flush();
    if (failed > 0) {
      return applied + done + stale > 0 || actions.size() > failed
          ? ExitStatus.PARTIAL.code() : ExitStatus.PROBLEM.code();
    }
    return stale > 0 ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
  }

  private static GuardedWriter await(CompletableFuture<GuardedWriter> opening)
      throws DirectoryException {
    try {
      return opening.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof DirectoryException directory) {
        throw directory;
      }
      throw e;
    }
  }

  private void runWorkers(GuardedWriter writer, Work work, PrintWriter out,
      PrintWriter err, ProgressMeter progress) throws Exception {
    // One lane pipelines: a single connection with many writes in flight keeps a directory's
    // write path busy without the lock contention that parallel writers add (measured on the
    // stand-in: see docs/migration.md). The other workers take the actions that read first,
    // and the pipelining worker joins them when its lane is empty.
    List<int[]> pipelined = work.chunks();
    List<int[]> sequential = work.computers();
    AtomicInteger pipelinedCursor = new AtomicInteger();
    AtomicInteger sequentialCursor = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(run.connections);
    List<Future<Void>> workers = new ArrayList<>();
    try {
      for (int w = 0; w < run.connections; w++) {
        boolean lane = w == 0;
        workers.add(pool.submit(() -> {
          try {
            for (int next; lane && !stopping
                && (next = pipelinedCursor.getAndIncrement()) < pipelined.size(); ) {
              performPipelined(writer, pipelined.get(next));
            }
            for (int next; !stopping
                && (next = sequentialCursor.getAndIncrement()) < sequential.size(); ) {
              for (int id : sequential.get(next)) {
                perform(writer, id);
              }
            }
            return null;
          } catch (Exception | Error e) {
            stopping = true; // whatever stops one worker stops them all
            throw e;
          }
        }));
      }
      pool.shutdown();
      while (!pool.awaitTermination(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
        drain(out, err);
        progress.update(finished.get());
      }
      for (Future<Void> worker : workers) {
        try {
          worker.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof DirectoryException directory) {
            throw directory;
          }
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
      }
    } finally {
      stopping = true;
      pool.shutdownNow();
      // Nothing may close the journal or the pool under a worker still finishing an action.
      if (!pool.awaitTermination(WORKER_STOP_SECONDS, TimeUnit.SECONDS)) {
        spec.commandLine().getErr().println("lapsbridge: workers still busy after "
            + WORKER_STOP_SECONDS + " s; their last results may be missing from the journal");
      }
    }
  }

  /**
   * The actions as workers take them: {@code chunks} of computers with one plan-only action
   * each (force rotations), pipelined on one connection; and {@code computers}, each one
   * computer's actions, run in order.
   */
  private record Work(List<int[]> chunks, List<int[]> computers) {}

  /** Enough actions per chunk that the pipeline's drain at its end costs little. */
  private static final int CHUNK = 512;

  private Work split(List<int[]> groups) {
    List<int[]> chunks = new ArrayList<>();
    List<int[]> computers = new ArrayList<>();
    int[] chunk = new int[CHUNK];
    int size = 0;
    for (int[] ids : groups) {
      if (!run.dryRun && run.pipeline > 1 && ids.length == 1
          && GuardedWriter.pipelinable(actions.get(ids[0] - 1))) {
        chunk[size++] = ids[0];
        if (size == CHUNK) {
          chunks.add(chunk.clone());
          size = 0;
        }
      } else {
        computers.add(ids);
      }
    }
    if (size > 0) {
      chunks.add(java.util.Arrays.copyOf(chunk, size));
    }
    return new Work(chunks, computers);
  }

  /** Action ids grouped by computer; ids settled in a resumed journal are left out. */
  private List<int[]> groupByComputer() {
    List<int[]> groups = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    String last = null;
    for (int i = 0; i < actions.size(); i++) {
      int id = i + 1;
      if (resumed != null && resumed.outcome(id).map(Journal.Outcome::settled).orElse(false)) {
        continue;
      }
      String dn = actions.get(i).dn();
      if (!dn.equals(last) && !current.isEmpty()) {
        groups.add(current.stream().mapToInt(Integer::intValue).toArray());
        current.clear();
      }
      current.add(id);
      last = dn;
    }
    if (!current.isEmpty()) {
      groups.add(current.stream().mapToInt(Integer::intValue).toArray());
    }
    return groups;
  }

  private void perform(GuardedWriter writer, int id) throws DirectoryException {
    Action action = actions.get(id - 1);
    journal(Journal.start(id));
    record(id, action, writer.performOrFailed(action, run.dryRun));
  }

  private void performPipelined(GuardedWriter writer, int[] ids) throws DirectoryException {
    List<Action> batch = new ArrayList<>(ids.length);
    for (int id : ids) {
      journal(Journal.start(id));
      batch.add(actions.get(id - 1));
    }
    try {
      writer.performPipelined(batch, run.pipeline, () -> stopping,
          (index, result) -> record(ids[index], batch.get(index), result));
    } catch (DirectoryException e) {
      stopping = true;
      throw e;
    }
  }

  /** Journals, counts and prints one action's result; called from any worker or SDK thread. */
  private void record(int id, Action action, GuardedWriter.Result result) {
    journal(Journal.end(id, result.outcome(), result.reason()));
    tally[result.outcome().ordinal()].incrementAndGet();
    finished.incrementAndGet();
    String label = run.dryRun && result.outcome() == Journal.Outcome.APPLIED
        ? "would-apply" : result.outcome().key();
    synchronized (pendingOut) {
      pendingOut.append(id).append('\t').append(action.kind()).append('\t').append(action.dn())
          .append('\t').append(label).append('\t').append(result.reason()).append('\n');
    }
    if (result.outcome() == Journal.Outcome.FAILED) {
      synchronized (pendingErr) {
        pendingErr.append("lapsbridge: action ").append(id).append(" on ").append(action.dn())
            .append(" failed: ").append(result.reason()).append('\n');
      }
    }
  }

  private void journal(String line) {
    if (journal != null) {
      journal.append(line);
    }
  }

  /**
   * Writes what the workers buffered. The output is taken first and written after the
   * journal, so no output line runs ahead of its journal line; and nothing is written while a
   * lock the workers (or the SDK's reader thread) need is held, so a slow stdout cannot stall
   * them.
   */
  private void drain(PrintWriter out, PrintWriter err) throws IOException {
    String outText = take(pendingOut);
    String errText = take(pendingErr);
    if (journal != null) {
      journal.flush();
    }
    if (!outText.isEmpty()) {
      out.write(outText);
      out.flush();
    }
    if (!errText.isEmpty()) {
      err.write(errText);
      err.flush();
    }
  }

  private static String take(StringBuilder buffer) {
    synchronized (buffer) {
      String text = buffer.toString();
      buffer.setLength(0);
      return text;
    }
  }

  /**
   * The journal's lines, buffered between ticks and written whole: each write ends at a line
   * end, so a kill leaves at most the last line torn, as {@link Journal#replay} expects.
   */
  private static final class JournalBuffer implements AutoCloseable {
    private final FileOutputStream file;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);

    JournalBuffer(FileOutputStream file) {
      this.file = file;
    }

    synchronized void append(String line) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      buffer.write(bytes, 0, bytes.length);
    }

    private IOException broken;

    void flush() throws IOException {
      if (broken != null) {
        // After a failed write the file may end mid-line: appending more would put a torn
        // line mid-file, which replay rightly calls corruption.
        throw broken;
      }
      ByteArrayOutputStream full;
      synchronized (this) {
        if (buffer.size() == 0) {
          return;
        }
        full = buffer;
        buffer = new ByteArrayOutputStream(1 << 16);
      }
      try {
        full.writeTo(file);
      } catch (IOException e) {
        broken = e;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        if (broken == null) {
          flush();
        }
      } finally {
        file.close();
      }
    }
  }
}
