package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code run} parses with a tree of just the named command; it must behave as the full one. */
class LapsbridgeTreeTest {
  private static final PrintWriter SINK = new PrintWriter(new StringWriter());

  @Test
  void everyCommandAndSubcommandHasTheSameHelpAndOptionsInBothTrees() {
    CommandLine full = Lapsbridge.commandLine(SINK, SINK);
    int compared = 0;
    for (var entry : full.getSubcommands().entrySet()) {
      if (entry.getKey().equals("help")) {
        continue;
      }
      CommandLine only = Lapsbridge.onlyCommand(entry.getKey(), CommandFactory.system());
      assertNotNull(only, entry.getKey());
      compared += compare(entry.getValue(), only.getSubcommands().get(entry.getKey()));
    }
    assertEquals(true, compared > 20, "compared " + compared + " commands");
  }

  private static int compare(CommandLine full, CommandLine only) {
    assertEquals(full.getCommandSpec().qualifiedName(), only.getCommandSpec().qualifiedName());
    assertEquals(full.getUsageMessage(CommandLine.Help.Ansi.OFF),
        only.getUsageMessage(CommandLine.Help.Ansi.OFF));
    assertEquals(options(full), options(only));
    assertEquals(full.getSubcommands().keySet(), only.getSubcommands().keySet());
    int compared = 1;
    for (String name : full.getSubcommands().keySet()) {
      compared += compare(full.getSubcommands().get(name), only.getSubcommands().get(name));
    }
    return compared;
  }

  private static List<String> options(CommandLine commandLine) {
    List<String> names = new ArrayList<>();
    commandLine.getCommandSpec().options().forEach(o -> names.add(String.join("|", o.names())
        + "=" + o.defaultValue()));
    return names;
  }

  @Test
  void unknownCommandsAndTopLevelOptionsUseTheFullTree() {
    assertNull(Lapsbridge.onlyCommand("get-pasword", CommandFactory.system()));
    assertNull(Lapsbridge.onlyCommand("--version", CommandFactory.system()));
    assertNull(Lapsbridge.onlyCommand("help", CommandFactory.system()));
    StringWriter err = new StringWriter();
    int status = Lapsbridge.run(SINK, new PrintWriter(err, true), "get-pasword");
    assertEquals(2, status);
    assertEquals("lapsbridge: usage: Unknown command or argument: 'get-pasword' (did you mean"
        + " get-password?)\n"
        + "Try 'lapsbridge --help'.\n", err.toString().replace(System.lineSeparator(), "\n"));
  }
}
