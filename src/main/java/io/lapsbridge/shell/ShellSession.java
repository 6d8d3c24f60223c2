package io.lapsbridge.shell;

import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.migration.Classifier;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.report.InventoryOutput;
import io.lapsbridge.report.PasswordView;
import io.lapsbridge.usecase.ComputerBatch;
import io.lapsbridge.usecase.LookUpPasswords;
import io.lapsbridge.usecase.ResetExpiry;
import io.lapsbridge.usecase.TakeInventory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One bound session of {@code lapsbridge shell}: each line is a command run over the same
 * directory connection, printed as the matching top-level command prints it. A failing line is
 * reported (one line on stderr) and the session goes on.
 */
public final class ShellSession {
  /** The commands, for help and completion. */
  public static final List<String> COMMANDS = List.of("get", "inventory", "reset", "help", "exit",
      "quit");
  static final String HELP = String.join("\n",
      "get NAME... [--history] [--dsrm] [--source legacy|windows|all]",
      "    show the stored password, as get-password does (the only command that shows one)",
      "inventory",
      "    every computer's LAPS state, as inventory does (text)",
      "reset NAME... [--when now|ISO-8601-UTC] [--family legacy|windows|all] [--dry-run]",
      "    expire the password now or at a time, as reset-password does",
      "help",
      "    this list",
      "exit, quit (or end of input)",
      "    close the connection and leave",
      "Names may be quoted (\"CN=PC 1,OU=...\"); Tab completes computer names.");

  /**
   * How results and failures become lines and exit statuses: the command line's one place for
   * that ({@code cli.Failure}), handed in so that this package stays free of it.
   */
  public interface Outcomes {
    /** Prints {@code failure} as one stderr line; returns its exit status. */
    int failed(Exception failure);

    /** Prints a usage problem of one line; returns the usage exit status. */
    int usage(String message);

    /** The exit status of a batch, as the top-level command would return it. */
    int batch(ComputerBatch.Outcome outcome);

    /** The exit status of a password lookup, as {@code get-password} returns it. */
    int lookup(LookUpPasswords.Result result);

    /** The exit status of an inventory that found passwords this bind cannot read. */
    int problem();

    /** Prints one computer's failure inside a batch that goes on. */
    Consumer<Exception> printer();

    /** Prints how a name was resolved when that was not exact. */
    Consumer<String> notes();
  }

  /** What one line did: leave the session or not, and its exit status. */
  public record Step(boolean exit, int status) {}

  private final LapsDirectory directory;
  private final KeySource keys;
  private final Supplier<Classifier> classifier;
  private final Clock clock;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Outcomes outcomes;

  public ShellSession(LapsDirectory directory, KeySource keys, Supplier<Classifier> classifier,
      Clock clock, PrintWriter out, PrintWriter err, Outcomes outcomes) {
    this.directory = directory;
    this.keys = keys;
    this.classifier = classifier;
    this.clock = clock;
    this.out = out;
    this.err = err;
    this.outcomes = outcomes;
  }

  /**
   * Runs commands read from {@code in} (not a terminal: a script or a pipe) until the input ends
   * or a line says {@code exit}. Returns 0 when every command succeeded, else the exit status of
   * the last one that failed.
   */
  public int runScript(BufferedReader in) throws IOException {
    int status = 0;
    String line;
    while ((line = in.readLine()) != null) {
      Step step = execute(line);
      if (step.status() != 0) {
        status = step.status();
      }
      if (step.exit()) {
        break;
      }
    }
    return status;
  }

  /** Runs one line. */
  public Step execute(String line) {
    List<String> words;
    try {
      words = ShellWords.split(line);
    } catch (IllegalArgumentException e) {
      return done(outcomes.usage(e.getMessage()));
    }
    if (words.isEmpty() || words.get(0).startsWith("#")) {
      return new Step(false, 0);
    }
    String command = words.get(0).toLowerCase(Locale.ROOT);
    List<String> args = words.subList(1, words.size());
    try {
      return switch (command) {
        case "exit", "quit" -> new Step(true, 0);
        case "help", "?" -> {
          out.println(HELP);
          yield done(0);
        }
        case "get" -> done(get(args));
        case "inventory" -> done(inventory(args));
        case "reset" -> done(reset(args));
        default -> done(outcomes.usage("unknown command '" + words.get(0) + "'; commands: "
            + String.join(", ", COMMANDS) + " (type help)"));
      };
    } catch (UsageProblem e) {
      return done(outcomes.usage(e.getMessage()));
    } catch (DirectoryException | IOException | RuntimeException e) {
      return done(outcomes.failed(e));
    }
  }

  private Step done(int status) {
    out.flush();
    err.flush();
    return new Step(false, status);
  }

  private int get(List<String> args) throws DirectoryException {
    Arguments a = Arguments.parse("get", args, Set.of("--history", "--dsrm"), Set.of("--source"));
    if (a.names().isEmpty()) {
      throw new UsageProblem("get needs a computer name: get NAME...");
    }
    Set<AttributeFamily> families = families("--source", a.value("--source").orElse("all"));
    LookUpPasswords.Result result = LookUpPasswords.run(directory, keys, a.names(),
        new LookUpPasswords.Request(families, a.flag("--history"), a.flag("--dsrm")),
        warning -> err.println("lapsbridge: warning: " + warning), outcomes.printer(),
        outcomes.notes());
    PasswordView.printText(out, result.views());
    return outcomes.lookup(result);
  }

  private int inventory(List<String> args) throws DirectoryException, IOException {
    Arguments a = Arguments.parse("inventory", args, Set.of(), Set.of());
    if (!a.names().isEmpty()) {
      throw new UsageProblem("inventory takes no names; it covers every computer");
    }
    InventorySummary summary = new InventorySummary(classifier.get());
    TakeInventory.run(directory, summary, InventoryOutput.Format.TEXT, out);
    if (summary.unreadable() > 0) {
      err.println("lapsbridge: " + summary.unreadable() + " computer(s) hold a LAPS password this"
          + " bind cannot read (state 'unreadable')");
      return outcomes.problem();
    }
    return 0;
  }

  private int reset(List<String> args) throws DirectoryException {
    Arguments a = Arguments.parse("reset", args, Set.of("--dry-run"), Set.of("--when", "--family"));
    if (a.names().isEmpty()) {
      throw new UsageProblem("reset needs a computer name: reset NAME... [--when TIME]");
    }
    String when = a.value("--when").orElse("now");
    Instant at;
    if (when.equalsIgnoreCase("now")) {
      at = clock.instant();
    } else {
      try {
        at = Instant.parse(when);
      } catch (DateTimeParseException e) {
        throw new UsageProblem("--when '" + when + "' is not 'now' or an ISO-8601 UTC time like"
            + " 2026-12-01T08:00:00Z");
      }
    }
    Optional<Set<AttributeFamily>> families = a.value("--family").map(f -> families("--family", f));
    ComputerBatch.Outcome outcome = ResetExpiry.run(directory, a.names(), families,
        FileTime.of(at), a.flag("--dry-run"), row -> row.print(out), outcomes.printer(),
        outcomes.notes());
    return outcomes.batch(outcome);
  }

  private static Set<AttributeFamily> families(String option, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "legacy" -> EnumSet.of(AttributeFamily.LEGACY);
      case "windows" -> EnumSet.of(AttributeFamily.WINDOWS);
      case "all" -> EnumSet.allOf(AttributeFamily.class);
      default -> throw new UsageProblem(option + " '" + value + "' is not legacy, windows or all");
    };
  }

  /** A line that cannot be run as typed. */
  static final class UsageProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageProblem(String message) {
      super(message);
    }
  }

  /** A command's words: names, flags and options with a value. */
  private record Arguments(List<String> names, Set<String> flags,
      java.util.Map<String, String> values) {
    static Arguments parse(String command, List<String> words, Set<String> flagNames,
        Set<String> valueNames) {
      List<String> names = new ArrayList<>();
      Set<String> flags = new java.util.HashSet<>();
      java.util.Map<String, String> values = new java.util.HashMap<>();
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        if (!word.startsWith("--")) {
          names.add(word);
        } else if (flagNames.contains(word)) {
          flags.add(word);
        } else if (valueNames.contains(word)) {
          if (i + 1 >= words.size()) {
            throw new UsageProblem(word + " needs a value");
          }
          values.put(word, words.get(++i));
        } else {
          throw new UsageProblem(command + ": unknown option '" + word + "'");
        }
      }
      return new Arguments(names, flags, values);
    }

    boolean flag(String name) {
      return flags.contains(name);
    }

    Optional<String> value(String name) {
      return Optional.ofNullable(values.get(name));
    }
  }
}
