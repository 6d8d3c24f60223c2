package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.embedded.StandInException;
import io.lapsbridge.migration.MigrationInputException;
import io.lapsbridge.policy.PolicyInputException;

/** An exception translated for the user: a one-line message and the exit status it earns. */
record Failure(ExitStatus status, String message) {
  static Failure of(Exception exception) {
    if (exception instanceof UsageException usage) {
      return new Failure(ExitStatus.USAGE, "usage: " + usage.getMessage());
    }
    if (exception instanceof PolicyInputException input) {
      // A corrupt Registry.pol or policy file: "file:offset: error" says where to look.
      return new Failure(ExitStatus.USAGE, input.getMessage());
    }
    if (exception instanceof MigrationInputException input) {
      // A rule file, plan or journal that cannot be used: the message names file and field.
      return new Failure(ExitStatus.USAGE, input.getMessage());
    }
    if (exception instanceof CommandFailedException failed) {
      return new Failure(failed.status(), failed.getMessage());
    }
    if (exception instanceof DirectoryException directory) {
      return new Failure(statusOf(directory.kind()), directory.getMessage());
    }
    if (exception instanceof StandInException standIn) {
      return new Failure(ExitStatus.UNREACHABLE, "stand-in directory: " + standIn.getMessage());
    }
    // Unexpected: name the type so that a bug report is useful; the message is ours to show
    // because no layer puts secrets into exception messages.
    return new Failure(
        ExitStatus.PROBLEM,
        "internal error: " + exception.getClass().getSimpleName() + ": " + exception.getMessage());
  }

  static ExitStatus statusOf(DirectoryException.Kind kind) {
    return switch (kind) {
      case UNREACHABLE, TLS, BIND -> ExitStatus.UNREACHABLE;
      case SCHEMA_MISSING -> ExitStatus.SCHEMA;
      case NOT_FOUND, AMBIGUOUS, ACCESS_DENIED -> ExitStatus.NOT_FOUND;
      case MALFORMED_VALUE, REJECTED -> ExitStatus.PROBLEM;
    };
  }
}
