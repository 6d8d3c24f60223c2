package io.lapsbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server process for tests (slapd, Samba) that cannot outlive the JVM that started it.
 *
 * <p>The daemon runs under a {@code sh} watchdog that holds the JVM's end of a pipe: when the JVM
 * closes it, or dies and the kernel closes it, the watchdog kills the daemon. A stop that the
 * daemon ignores falls back to the PID it wrote, then to killing the watchdog.
 */
public final class WatchedDaemon {
  private static final String WATCHDOG =
      "exec 3<&0; \"$@\" </dev/null & pid=$!; (read -r _ <&3; kill \"$pid\" 2>/dev/null) &"
          + " wait \"$pid\"";

  private WatchedDaemon() {}

  /** Starts {@code command} under the watchdog, its output and errors appended to {@code log}. */
  public static Process start(List<String> command, Path log) throws IOException {
    List<String> watched = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "sh"));
    watched.addAll(command);
    return new ProcessBuilder(watched).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /**
   * Stops the daemon: closes the watchdog's pipe and waits {@code grace}; then kills the PID in
   * {@code pidFile} (if the daemon wrote one) and the watchdog.
   */
  public static void stop(Process process, Duration grace, Path pidFile) {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        killByPidFile(pidFile);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      killByPidFile(pidFile);
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killByPidFile(pidFile);
      process.destroyForcibly();
    }
  }

  private static void killByPidFile(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    } catch (IOException | NumberFormatException e) {
      // No pid file: the daemon never got far enough to write one.
    }
  }

  /**
   * Deletes {@code dir} and everything below it; nothing if it is already gone. A daemon's
   * worker processes can outlive its main process by a moment and write one last file (a log,
   * a lock) while the tree is walked, so a folder found not empty is walked again, a few times.
   */
  public static void deleteTree(Path dir) {
    for (int attempt = 1; ; attempt++) {
      if (!Files.exists(dir)) {
        return;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
        return;
      } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException
          | UncheckedIOException stillWritten) {
        if (attempt == 10) {
          throw new UncheckedIOException("could not delete " + dir,
              stillWritten instanceof IOException io ? io : new IOException(stillWritten));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete " + dir, e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException("interrupted deleting " + dir, new IOException(e));
      }
    }
  }
}
