package io.lapsbridge.cli;

/** The command line is inconsistent in a way picocli cannot see (exit 2). */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
