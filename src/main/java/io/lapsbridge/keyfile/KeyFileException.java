package io.lapsbridge.keyfile;

/**
 * A key file cannot be written or read. The message names the file and what is wrong with it,
 * and never contains key material.
 */
public final class KeyFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why, for the exit status: the file already exists, cannot be accessed, or is invalid. */
  public enum Kind {
    EXISTS,
    IO,
    INVALID
  }

  private final Kind kind;

  public KeyFileException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public KeyFileException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
