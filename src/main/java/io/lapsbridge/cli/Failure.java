package io.lapsbridge.cli;

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
    if (exception instanceof CommandFailedException failed) {
      return new Failure(failed.status(), failed.getMessage());
    }
    // Unexpected: name the type so that a bug report is useful; the message is ours to show
    // because no layer puts secrets into exception messages.
    return new Failure(
        ExitStatus.PROBLEM,
        "internal error: " + exception.getClass().getSimpleName() + ": " + exception.getMessage());
  }
}
