package io.lapsbridge.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

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
    err.println("lapsbridge: usage: " + exception.getMessage());
    err.println(
        "Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitStatus.USAGE.code();
  }
}
