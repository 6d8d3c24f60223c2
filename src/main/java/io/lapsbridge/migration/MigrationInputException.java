package io.lapsbridge.migration;

/**
 * A rule file, plan or journal that cannot be used; the message starts with the file name and,
 * where known, the path inside it ({@code rules.yaml: rules[2].target: ...}).
 */
public final class MigrationInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MigrationInputException(String message) {
    super(message);
  }

  public MigrationInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
