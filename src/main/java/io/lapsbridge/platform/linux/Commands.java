package io.lapsbridge.platform.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command with bytes on stdin; the seam that unit tests replace. */
@FunctionalInterface
public interface Commands {
  /** Exit status and the first line of stderr. */
  record Result(int exit, String error) {}

  /** Runs {@code argv}, writes {@code stdin} and closes it; the caller wipes {@code stdin}. */
  Result run(List<String> argv, byte[] stdin) throws IOException;

  /** The real thing, with a 60 s limit so that a hung tool cannot stall the agent forever. */
  static Commands system() {
    return (argv, stdin) -> {
      Process process = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      }
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return new Result(-1, argv.get(0) + " did not finish in 60 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IOException("interrupted while waiting for " + argv.get(0));
      }
      String error;
      try (InputStream err = process.getErrorStream()) {
        error = new String(err.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
            .orElse("");
      }
      return new Result(process.exitValue(), error);
    };
  }
}
