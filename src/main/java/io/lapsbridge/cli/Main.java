package io.lapsbridge.cli;

import io.lapsbridge.directory.TlsWarmUp;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The process entry point: runs the command line and exits with its status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    TlsWarmUp.start();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int status;
    try {
      status = Lapsbridge.run(out, err, args);
    } catch (OutOfMemoryError e) {
      // Without this an embedded server's threads keep a dying JVM alive.
      err.println("lapsbridge: out of memory (" + e.getMessage() + "); raise the heap with"
          + " LAPSBRIDGE_JAVA_OPTS=-Xmx1g");
      status = ExitStatus.PROBLEM.code();
    }
    out.flush();
    err.flush();
    System.exit(status);
  }
}
