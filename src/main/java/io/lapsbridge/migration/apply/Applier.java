package io.lapsbridge.migration.apply;

import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.OwnWrites;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plan's actions for {@code migrate apply} and {@code migrate resume}: one worker per
 * connection, each taking the next whole computer from a shared cursor so that a computer's
 * actions run in plan order on one thread, and one lane that pipelines the actions written from
 * the plan alone.
 *
 * <p>The hot path is kept to the directory round trip: workers append journal lines and results
 * to buffers, and the calling thread writes them out every {@value #TICK_MILLIS} ms. A {@code
 * kill -9} can therefore lose the last tick's journal lines; resume re-checks those actions
 * against the live entries and reports them already-done, so nothing is repeated and no end
 * state differs (see docs/migration.md, "Journal").
 *
 * @param <X> what the writer throws when the directory is unreachable
 */
public final class Applier<X extends Exception> {
  private static final long TICK_MILLIS = 100;
  private static final long WORKER_STOP_SECONDS = 60;

  /** Enough actions per chunk that the pipeline's drain at its end costs little. */
  private static final int CHUNK = 512;

  /**
   * How to run.
   *
   * @param dryRun check every action and write nothing, the journal included
   * @param connections parallel workers, one per connection
   * @param pipeline writes in flight on the pipelining lane; 1 turns the lane off
   */
  public record Options(boolean dryRun, int connections, int pipeline) {
    public Options {
      if (connections < 1 || pipeline < 1) {
        throw new IllegalArgumentException("at least one connection and one write in flight");
      }
    }
  }

  /**
   * The counts of one run.
   *
   * @param actions all the plan's actions
   * @param settledBefore actions a resumed journal had already settled, so not run again
   */
  public record Summary(int actions, int applied, int alreadyDone, int stale, int failed,
      int settledBefore) {}

  private final ActionWriter<X> writer;
  private final Options options;
  private final List<Action> actions;
  private final Optional<Journal.State> resumed;
  private final List<int[]> groups;
  private final int pending;
  private ApplyListener listener;
  private final Map<Journal.Outcome, AtomicInteger> tally = new EnumMap<>(Journal.Outcome.class);
  private final AtomicInteger finished = new AtomicInteger();
  private final List<ApplyListener.Finished> unreported = new ArrayList<>();
  private JournalBuffer journal;
  private volatile boolean stopping;

  /**
   * @param resumed the replayed journal of the run being resumed; its settled actions are
   *     skipped
   */
  public Applier(ActionWriter<X> writer, Options options, List<Action> actions,
      Optional<Journal.State> resumed) {
    this.writer = Objects.requireNonNull(writer, "writer");
    this.options = Objects.requireNonNull(options, "options");
    this.actions = List.copyOf(actions);
    this.resumed = Objects.requireNonNull(resumed, "resumed");
    this.groups = groupByComputer();
    this.pending = groups.stream().mapToInt(ids -> ids.length).sum();
    for (Journal.Outcome outcome : Journal.Outcome.values()) {
      tally.put(outcome, new AtomicInteger());
    }
  }

  /** How many actions will run: those a resumed journal had not settled. */
  public int pending() {
    return pending;
  }

  /**
   * Runs the actions, journalling to {@code journalStream} (null on a dry run), which this
   * closes, and reporting to {@code listener}. Returns once every worker has stopped.
   *
   * @throws X when the directory became unreachable; unsent actions are left for a resume
   */
  public Summary run(OutputStream journalStream, ApplyListener listener)
      throws X, IOException, InterruptedException {
    if (this.listener != null) {
      throw new IllegalStateException("an applier runs once");
    }
    this.listener = Objects.requireNonNull(listener, "listener");
    if (journalStream != null) {
      journal = new JournalBuffer(journalStream);
    }
    Throwable failure = null;
    try {
      runWorkers(split(groups));
    } catch (Exception | Error e) {
      failure = e;
      throw e;
    } finally {
      finish(failure);
    }
    return summarySoFar();
  }

  /**
   * Asks a running applier to stop (Ctrl-C): each worker finishes the action it is on and takes
   * no other, so {@link #run} returns with the journal written; the rest is left for a resume.
   */
  public void stop() {
    stopping = true;
  }

  /** The counts so far; after {@link #run} threw, those of the actions that had finished. */
  public Summary summarySoFar() {
    return new Summary(actions.size(), count(Journal.Outcome.APPLIED),
        count(Journal.Outcome.DONE), count(Journal.Outcome.STALE), count(Journal.Outcome.FAILED),
        actions.size() - pending);
  }

  private int count(Journal.Outcome outcome) {
    return tally.get(outcome).get();
  }

  /**
   * The workers have stopped: writes what they left and closes the journal, and lets a cleanup
   * failure never hide the {@code failure} that stopped the run (null if none).
   */
  private void finish(Throwable failure) throws IOException {
    try {
      drain();
      if (journal != null) {
        journal.close();
      }
    } catch (IOException | RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    } finally {
      listener.done(finished.get());
    }
  }

  /**
   * The actions as workers take them: {@code chunks} of computers with one plan-only action
   * each (force rotations), pipelined on one connection; and {@code computers}, each one
   * computer's actions, run in order.
   */
  private record Work(List<int[]> chunks, List<int[]> computers) {}

  private void runWorkers(Work work) throws X, IOException, InterruptedException {
    // One lane pipelines: a single connection with many writes in flight keeps a directory's
    // write path busy without the lock contention that parallel writers add (measured on the
    // stand-in: see docs/migration.md). The other workers take the actions that read first,
    // and the pipelining worker joins them when its lane is empty.
    List<int[]> pipelined = work.chunks();
    List<int[]> sequential = work.computers();
    AtomicInteger pipelinedCursor = new AtomicInteger();
    AtomicInteger sequentialCursor = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(options.connections());
    List<Future<Void>> workers = new ArrayList<>();
    try {
      for (int w = 0; w < options.connections(); w++) {
        boolean lane = w == 0;
        workers.add(pool.submit(() -> {
          try {
            for (int next; lane && !stopping
                && (next = pipelinedCursor.getAndIncrement()) < pipelined.size(); ) {
              performPipelined(pipelined.get(next));
            }
            for (int next; !stopping
                && (next = sequentialCursor.getAndIncrement()) < sequential.size(); ) {
              for (int id : sequential.get(next)) {
                if (perform(id) == Journal.Outcome.FAILED) {
                  // A computer's actions are one unit: each later one was planned on the
                  // assumption that the earlier ones succeed. The rest stay unjournalled, so
                  // resume runs them once the failure is fixed.
                  break;
                }
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
        drain();
        listener.progress(finished.get());
      }
      for (Future<Void> worker : workers) {
        try {
          worker.get();
        } catch (ExecutionException e) {
          throw rethrown(e.getCause());
        }
      }
    } finally {
      stopping = true;
      pool.shutdownNow();
      // Nothing may close the journal or the writer under a worker still finishing an action.
      if (!pool.awaitTermination(WORKER_STOP_SECONDS, TimeUnit.SECONDS)) {
        listener.workersStillBusy(WORKER_STOP_SECONDS);
      }
    }
  }

  /**
   * A worker's failure, thrown as itself. Workers throw only unchecked exceptions and what the
   * writer declares, so a checked cause is an {@code X}.
   */
  @SuppressWarnings("unchecked")
  private X rethrown(Throwable cause) {
    if (cause instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return (X) cause;
  }

  private Work split(List<int[]> groups) {
    List<int[]> chunks = new ArrayList<>();
    List<int[]> computers = new ArrayList<>();
    int[] chunk = new int[CHUNK];
    int size = 0;
    for (int[] ids : groups) {
      if (!options.dryRun() && options.pipeline() > 1 && ids.length == 1
          && writer.pipelinable(actions.get(ids[0] - 1))) {
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
      chunks.add(Arrays.copyOf(chunk, size));
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
      if (resumed.flatMap(state -> state.outcome(id)).map(Journal.Outcome::settled)
          .orElse(false)) {
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

  private Journal.Outcome perform(int id) throws X {
    Action action = actions.get(id - 1);
    journal(Journal.start(id));
    ActionResult result = writer.performOrFailed(action, ownWrites(id), options.dryRun());
    record(id, action, result);
    return result.outcome();
  }

  /**
   * What the other actions of action {@code id}'s computer write, from the whole plan: a resume
   * skips the settled ones, but their values may be in the entry.
   */
  private OwnWrites ownWrites(int id) {
    String dn = actions.get(id - 1).dn();
    int from = id - 1;
    while (from > 0 && actions.get(from - 1).dn().equals(dn)) {
      from--;
    }
    int to = id;
    while (to < actions.size() && actions.get(to).dn().equals(dn)) {
      to++;
    }
    return to - from == 1 ? OwnWrites.NONE
        : OwnWrites.of(actions.subList(from, to), actions.get(id - 1));
  }

  private void performPipelined(int[] ids) throws X {
    List<Action> batch = new ArrayList<>(ids.length);
    for (int id : ids) {
      journal(Journal.start(id));
      batch.add(actions.get(id - 1));
    }
    try {
      writer.performPipelined(batch, options.pipeline(), () -> stopping,
          (index, result) -> record(ids[index], batch.get(index), result));
    } catch (Exception e) {
      stopping = true;
      throw e;
    }
  }

  /** Journals and counts one action's result; called from any worker or writer thread. */
  private void record(int id, Action action, ActionResult result) {
    journal(Journal.end(id, result.outcome(), result.reason()));
    tally.get(result.outcome()).incrementAndGet();
    finished.incrementAndGet();
    synchronized (unreported) {
      unreported.add(new ApplyListener.Finished(id, action, result));
    }
  }

  private void journal(String line) {
    if (journal != null) {
      journal.append(line);
    }
  }

  /**
   * Hands on what the workers buffered. The results are taken first and reported after the
   * journal is written, so no output runs ahead of its journal line; and nothing is reported
   * while a lock the workers (or the writer's threads) need is held, so a slow listener cannot
   * stall them.
   */
  private void drain() throws IOException {
    List<ApplyListener.Finished> results;
    synchronized (unreported) {
      results = List.copyOf(unreported);
      unreported.clear();
    }
    if (journal != null) {
      journal.flush();
    }
    if (!results.isEmpty()) {
      listener.finished(results);
    }
  }

  /**
   * The journal's lines, buffered between ticks and written whole: each write ends at a line
   * end, so a kill leaves at most the last line torn, as {@link Journal#replay} expects.
   */
  private static final class JournalBuffer implements AutoCloseable {
    private final OutputStream file;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private IOException broken;

    JournalBuffer(OutputStream file) {
      this.file = file;
    }

    synchronized void append(String line) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      buffer.write(bytes, 0, bytes.length);
    }

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
