package io.lapsbridge.usecase;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.GuardedWriter;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.apply.Applier;
import io.lapsbridge.migration.apply.ApplyListener;
import io.lapsbridge.migration.apply.EntraBackups;
import io.lapsbridge.migration.apply.JournalStore;
import io.lapsbridge.migration.apply.PlanActions;
import io.lapsbridge.migration.apply.Resumption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code migrate apply} and {@code resume}: the {@link Applier} over the directory's {@link
 * GuardedWriter} and a journal. The writer's pool starts opening at once, so that TLS handshakes
 * and binds overlap reading the plan; if anything fails before the run, the pool is closed once
 * it is open.
 */
public final class ApplyMigration {
  /**
   * How apply runs.
   *
   * @param dryRun check every action against the live entry and write nothing, journal included
   * @param connections connections in the pool, and parallel workers
   * @param pipeline writes in flight on the lane of force rotations
   * @param writesPerSecond the rate limit, 0 for none
   */
  public record Settings(boolean dryRun, int connections, int pipeline, int writesPerSecond) {}

  /** What the caller sees of a run. */
  public interface Output {
    /** A line for stderr before the first write. */
    void notice(String line);

    /** The listener of a run of {@code pending} actions. */
    ApplyListener listener(int pending);
  }

  /**
   * The run stopped before its end because the directory failed (most often: it became
   * unreachable, and nothing more was sent after the first connection-level failure). Carries
   * the counts of what finished, so the caller can say what is left for a resume.
   */
  public static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Applier.Summary summary;

    Stopped(Applier.Summary summary, DirectoryException cause) {
      super(cause.getMessage(), cause);
      this.summary = summary;
    }

    public Applier.Summary summary() {
      return summary;
    }

    /** What stopped the run. */
    public DirectoryException directoryFailure() {
      return (DirectoryException) getCause();
    }
  }

  /**
   * Stops the run at the next action when the JVM is asked to exit (Ctrl-C is SIGINT; a service
   * stop, SIGTERM): the workers finish the action they are on, the journal is written and
   * closed, and the run returns its counts. The shutdown hook then waits (at most {@value
   * #REPORT_SECONDS} s) until {@link #close} says the caller has reported them, since the JVM
   * halts as soon as its hooks return.
   */
  public final class StopOnExit implements AutoCloseable {
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private StopOnExit() {
      hook = new Thread(() -> {
        requested = true;
        stop();
        try {
          boolean unused = reported.await(REPORT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "lapsbridge-stop-on-exit");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether the JVM was asked to exit during the run. */
    public boolean requested() {
      return requested;
    }

    /** The caller has reported: lets a running hook return, else removes it. */
    @Override
    public void close() {
      reported.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running and returns now that the counts are reported.
      }
    }
  }

  private static final long REPORT_SECONDS = 30;

  private final Settings settings;
  private final CompletableFuture<GuardedWriter> opening;
  private volatile Applier<DirectoryException> current;
  private volatile boolean stopRequested;
  private final ConnectionSettings connection;
  private final MirrorKeys mirrorKeys;
  /** Re-reads Entra for {@code clear-ad-after-entra} (#16); null: such actions fail. */
  private volatile EntraBackups entra;

  private ApplyMigration(Settings settings, CompletableFuture<GuardedWriter> opening,
      ConnectionSettings connection, MirrorKeys mirrorKeys) {
    this.settings = settings;
    this.opening = opening;
    this.connection = connection;
    this.mirrorKeys = mirrorKeys;
  }

  /** Starts opening the writer's pool in the background; encrypted mirrors use GetKey on 135. */
  public static ApplyMigration start(ConnectionSettings connection, Settings settings) {
    return start(connection, settings, MirrorKeys.of(null, 135));
  }

  /** As {@link #start(ConnectionSettings, Settings)}, with where encrypted mirrors' keys come from. */
  public static ApplyMigration start(ConnectionSettings connection, Settings settings,
      MirrorKeys mirrorKeys) {
    return new ApplyMigration(settings, GuardedWriter.openInBackground(
        connection, settings.connections(), settings.writesPerSecond()), connection, mirrorKeys);
  }

  /** Gives the Entra port {@code clear-ad-after-entra} actions re-check before clearing AD. */
  public ApplyMigration withEntra(EntraBackups backups) {
    this.entra = backups;
    return this;
  }

  /** Stops the run at the next action boundary (see {@link StopOnExit}). */
  public void stop() {
    stopRequested = true;
    Applier<DirectoryException> applier = current;
    if (applier != null) {
      applier.stop();
    }
  }

  /** Registers the stop on JVM exit for the run to come; close it once the run is reported. */
  public StopOnExit stopOnExit() {
    return new StopOnExit();
  }

  /** Applies {@code planFile} from its first action, beginning the journal. */
  public Applier.Summary apply(Path planFile, byte[] planBytes, JournalStore journal,
      Instant now, Output output) throws Exception {
    PlanActions plan = closingOnFailure(() -> {
      PlanActions read = PlanActions.read(planFile.toString(), planBytes);
      if (!settings.dryRun()) {
        journal.begin(Journal.begin(planFile.toAbsolutePath().toString(), read.sha256(),
            now.toString()));
      }
      return read;
    });
    return run(plan.actions(), journal, Optional.empty(), output);
  }

  /**
   * Continues the run {@code state} replays from {@code journalBytes}, after checking that the
   * plan is the one journalled and cutting a torn last line.
   */
  public Applier.Summary resume(Path journalFile, byte[] journalBytes, Journal.State state,
      Path planFile, byte[] planBytes, JournalStore journal, Output output) throws Exception {
    PlanActions plan = closingOnFailure(() -> {
      PlanActions read = PlanActions.readUnchanged(
          planFile.toString(), planBytes, journalFile.toString(), state);
      if (!settings.dryRun()) {
        Resumption.cutTornTail(journal, journalBytes);
      }
      return read;
    });
    return run(plan.actions(), journal, Optional.of(state), output);
  }

  private <T> T closingOnFailure(Callable<T> body) throws Exception {
    try {
      return body.call();
    } catch (Exception | Error e) {
      // Fire and forget: a failure to close is not reported over the one being thrown.
      CompletableFuture<Void> unused = opening.thenAccept(GuardedWriter::close);
      throw e;
    }
  }

  private Applier.Summary run(List<Action> actions, JournalStore journal,
      Optional<Journal.State> resumed, Output output) throws Exception {
    try (GuardedWriter writer = GuardedWriter.await(opening)) {
      // Before the first write, dry run included: a missing key stops the run with nothing done.
      writer.encryptMirrorsWith(mirrorKeys.keysFor(actions, connection));
      writer.guardEntraWith(entra);
      if (!writer.usesAssertionControl()) {
        output.notice("migrate: the server does not support the assertion control (RFC 4528);"
            + " each write is guarded by deleting the value the plan saw in the same modify;"
            + " mirrors and cleanups are then read back");
      }
      Applier<DirectoryException> applier = new Applier<>(writer, new Applier.Options(
          settings.dryRun(), settings.connections(), settings.pipeline()), actions, resumed);
      current = applier;
      if (stopRequested) {
        applier.stop();
      }
      try {
        return applier.run(settings.dryRun() ? null : journal.append(),
            output.listener(applier.pending()));
      } catch (DirectoryException e) {
        // The workers stopped at the first such failure (Applier); what finished is journalled.
        throw new Stopped(applier.summarySoFar(), e);
      }
    }
  }
}
