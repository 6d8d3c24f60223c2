package io.lapsbridge.samba;

import io.lapsbridge.cli.Lapsbridge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** Runs lapsbridge's command line in-process, as the cli package's ITs do, and keeps its output. */
record Cli(int status, String out, String err) {
  static Cli run(List<String> connection, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(connection);
    return run(all.toArray(String[]::new));
  }

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Lapsbridge.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(status, out.toString(), err.toString());
  }

  /** Runs over {@code environment} instead of the process's. */
  static Cli runWith(java.util.Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Lapsbridge.run(environment, new PrintWriter(out, true),
        new PrintWriter(err, true), args);
    return new Cli(status, out.toString(), err.toString());
  }

  /** For assertion messages: everything the command printed. */
  String transcript() {
    return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
