package io.lapsbridge.shell;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive side of {@code lapsbridge shell}: JLine line editing, completion of commands,
 * options and computer names, and a history of the session's command lines kept in memory only
 * (no history file: nothing of a session is left on disk; command lines hold no secret anyway,
 * since passwords are only ever printed, never typed).
 */
public final class ShellConsole {
  static final String PROMPT = "lapsbridge> ";

  private ShellConsole() {}

  /** Runs {@code session} at a prompt on the system terminal; see {@link #run}. */
  public static int interactive(NameCache names, ShellSession session) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).name("lapsbridge").build()) {
      return run(reader(terminal, names), session);
    }
  }

  /** A reader on {@code terminal} completing from {@code names}, with no history file. */
  public static LineReader reader(Terminal terminal, NameCache names) {
    DefaultParser parser = new DefaultParser();
    parser.setEscapeChars(new char[0]); // a backslash is a character of a DN, not an escape
    return LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("lapsbridge")
        .parser(parser)
        .completer(completer(names))
        .variable(LineReader.HISTORY_FILE, null)
        .option(LineReader.Option.AUTO_FRESH_LINE, true)
        .build();
  }

  /**
   * Reads and runs lines until {@code exit} or end of input (Ctrl-D); Ctrl-C drops the line being
   * typed. Returns the exit status of the last command that failed, else 0.
   */
  public static int run(LineReader reader, ShellSession session) {
    int status = 0;
    while (true) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        return status;
      }
      ShellSession.Step step = session.execute(line);
      if (step.status() != 0) {
        status = step.status();
      }
      if (step.exit()) {
        return status;
      }
    }
  }

  /** Commands first; then options, or computer names after {@code get} and {@code reset}. */
  static Completer completer(NameCache names) {
    return (LineReader reader, ParsedLine line, List<Candidate> candidates) -> {
      String word = line.word().substring(0, line.wordCursor());
      if (line.wordIndex() == 0) {
        for (String command : ShellSession.COMMANDS) {
          candidates.add(new Candidate(command));
        }
        return;
      }
      String command = line.words().get(0).toLowerCase(Locale.ROOT);
      List<String> options = switch (command) {
        case "get" -> List.of("--history", "--dsrm", "--source");
        case "reset" -> List.of("--when", "--family", "--dry-run");
        default -> List.of();
      };
      String previous = line.words().get(line.wordIndex() - 1);
      if (previous.equals("--source") || previous.equals("--family")) {
        List.of("legacy", "windows", "all").forEach(v -> candidates.add(new Candidate(v)));
        return;
      }
      if (previous.equals("--when")) {
        candidates.add(new Candidate("now"));
        return;
      }
      if (word.startsWith("-")) {
        options.forEach(o -> candidates.add(new Candidate(o)));
        return;
      }
      if (command.equals("get") || command.equals("reset")) {
        for (String name : names.complete(word)) {
          candidates.add(new Candidate(name));
        }
      }
    };
  }
}
