package io.lapsbridge.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The JLine side over a dumb terminal fed with keystrokes: completion, prompt, history. */
class ShellConsoleTest {
  final List<String> searched = new ArrayList<>();
  final NameCache names = new NameCache((prefix, limit) -> {
    searched.add(prefix);
    List<String> all = List.of("LAB-PC01", "LAB-PC02", "OFFICE-1");
    return new NameCache.Answer(all.stream().filter(n -> n.startsWith(prefix)).toList(), true);
  });

  /**
   * A dumb terminal (no terminal driver: bytes in, bytes out) whose keys are all typed at once
   * into a pipe that stays open, as a person's keyboard does.
   */
  static Terminal dumb(String keys, ByteArrayOutputStream screen) throws Exception {
    PipedInputStream in = new PipedInputStream(4096);
    PipedOutputStream typing = new PipedOutputStream(in);
    typing.write(keys.getBytes(StandardCharsets.UTF_8));
    typing.flush();
    return new DumbTerminal("test", "ansi", in, screen, StandardCharsets.UTF_8);
  }

  @Test
  void tabCompletesAComputerNameFromTheDirectory() throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal terminal = dumb("get OFF\t\n", screen)) {
      LineReader reader = ShellConsole.reader(terminal, names);
      assertEquals("get OFFICE-1 ", reader.readLine(ShellConsole.PROMPT));
    }
    assertEquals(List.of("OFF"), searched);
  }

  @Test
  void tabCompletesTheCommonPartThenCommandsAndOptions() throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal terminal = dumb("res\tLAB-PC0\t\ninv\t\nget LAB-PC01 --his\t\n", screen)) {
      LineReader reader = ShellConsole.reader(terminal, names);
      assertEquals("reset LAB-PC0", reader.readLine(ShellConsole.PROMPT).stripTrailing());
      assertEquals("inventory", reader.readLine(ShellConsole.PROMPT).strip());
      assertEquals("get LAB-PC01 --history", reader.readLine(ShellConsole.PROMPT).strip());
      assertNull(reader.getVariable(LineReader.HISTORY_FILE), "no history file");
      assertEquals(3, reader.getHistory().size(), "command lines, in memory");
    }
  }

  @Test
  void theLoopRunsLinesUntilExitAndReportsTheLastFailure() throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ShellSession session = new ShellSession(null, null, () -> null, Clock.systemUTC(),
        new PrintWriter(out, true), new PrintWriter(err, true), usageOnly(err));
    try (Terminal terminal = dumb("help\nfrobnicate\nexit\nhelp\n", screen)) {
      int status = ShellConsole.run(ShellConsole.reader(terminal, names), session);
      assertEquals(2, status);
    }
    assertTrue(out.toString().startsWith("get NAME... [--history]"), out.toString());
    assertEquals(1, out.toString().split("exit, quit", -1).length - 1, "help ran once: exit stops");
    assertEquals("lapsbridge: usage: unknown command 'frobnicate'; commands: get, inventory,"
        + " reset, help, exit, quit (type help)\n", err.toString());
  }

  static ShellSession.Outcomes usageOnly(StringWriter err) {
    return new ShellSession.Outcomes() {
      @Override
      public int failed(Exception failure) {
        throw new AssertionError(failure);
      }

      @Override
      public int usage(String message) {
        err.write("lapsbridge: usage: " + message + "\n");
        return 2;
      }

      @Override
      public int batch(io.lapsbridge.usecase.ComputerBatch.Outcome outcome) {
        throw new AssertionError();
      }

      @Override
      public int lookup(io.lapsbridge.usecase.LookUpPasswords.Result result) {
        throw new AssertionError();
      }

      @Override
      public int problem() {
        return 1;
      }

      @Override
      public Consumer<Exception> printer() {
        return e -> {
          throw new AssertionError(e);
        };
      }

      @Override
      public Consumer<String> notes() {
        return note -> { };
      }
    };
  }
}
