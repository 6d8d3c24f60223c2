package io.lapsbridge.cli;

/** A command finished with a definite status and a message already fit for the user. */
final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitStatus status;

  CommandFailedException(ExitStatus status, String message) {
    super(message);
    this.status = status;
  }

  ExitStatus status() {
    return status;
  }
}
