package io.lapsbridge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it printed. */
record CliRun(int status, String out, String err) {
  static CliRun of(String... args) {
    return with(CommandFactory.system(), args);
  }

  /** Runs with the collaborators {@code factory} builds: a fake environment, fake accounts. */
  static CliRun with(picocli.CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        Lapsbridge.run(factory, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(status, out.toString(), err.toString());
  }
}
