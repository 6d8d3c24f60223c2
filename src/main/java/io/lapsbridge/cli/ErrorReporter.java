package io.lapsbridge.cli;

import io.lapsbridge.report.Visible;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become a one-line message on stderr and an exit code.
 *
 * <p>Each layer throws its own exception family with full context; this class maps the family to
 * an {@link ExitStatus}. Messages are built by the layers and never contain secrets.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    Failure failure = Failure.of(exception);
    err.println("lapsbridge: " + failure.message());
    err.flush();
    return failure.status().code();
  }

  static int usageError(ParameterException exception, String[] args) {
    PrintWriter err = exception.getCommandLine().getErr();
    err.println("lapsbridge: usage: " + describe(exception));
    err.println(
        "Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitStatus.USAGE.code();
  }

  /**
   * picocli's message, except for arguments nobody declared: those are named without any
   * {@code =VALUE} (a mistyped {@code --bind-password=hunter2} must not be echoed to a shared
   * terminal or a CI log), with picocli's closest "did you mean" suggestion.
   */
  static String describe(ParameterException exception) {
    if (!(exception instanceof UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()) {
      return Visible.escape(exception.getMessage());
    }
    List<String> names = unmatched.getUnmatched().stream()
        .map(argument -> argument.startsWith("-") && argument.contains("=")
            ? argument.substring(0, argument.indexOf('=')) + "=..." : argument)
        .map(argument -> "'" + Visible.escape(argument) + "'")
        .toList();
    boolean option = unmatched.getUnmatched().get(0).startsWith("-");
    List<String> suggestions = unmatched.getSuggestions();
    return (option ? "Unknown option" : "Unknown command or argument")
        + (names.size() > 1 ? "s: " : ": ") + String.join(", ", names)
        // picocli lists the closest first; the rest are often far off (agent for get-pasword).
        + (suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)");
  }
}
