package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The whole command tree: what every command and subcommand must accept. */
class CommandTreeTest {
  private static void paths(CommandLine command, List<String> prefix, List<List<String>> all) {
    for (var sub : command.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) {
        continue;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(sub.getKey());
      all.add(path);
      paths(sub.getValue(), path, all);
    }
  }

  /** #13 item 9: --help and -h work on every command and subcommand, parents included. */
  @Test
  void helpWorksOnEveryCommandPath() {
    List<List<String>> all = new ArrayList<>();
    paths(Lapsbridge.commandLine(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter())), List.of(), all);
    assertTrue(all.size() >= 30, "the tree has " + all.size() + " command paths");
    List<String> failing = new ArrayList<>();
    for (List<String> path : all) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        if (run.status() != 0 || !run.out().startsWith("Usage: lapsbridge "
            + String.join(" ", path) + " ") || !run.err().isEmpty()) {
          failing.add(String.join(" ", args));
        }
      }
    }
    assertEquals(List.of(), failing);
  }
}
