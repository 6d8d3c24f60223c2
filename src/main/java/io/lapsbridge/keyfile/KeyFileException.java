package io.lapsbridge.keyfile;

/**
 * A key file cannot be written or read. The message names the file and what is wrong with it,
 * and never contains key material.
 */
public final class KeyFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Why, for the exit status: the file to write already exists, the file to read is missing or
   * cannot be read (both the user's to fix, like an invalid file), writing failed, or the file
   * is not a valid key file.
   */
  public enum Kind {
    EXISTS,
    UNREADABLE,
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
