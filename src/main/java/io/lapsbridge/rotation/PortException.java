package io.lapsbridge.rotation;

/**
 * A port (directory, local account, journal) failed. The message is one line, complete, and never
 * contains a secret; {@link #kind()} decides the event ID and the exit status.
 */
public final class PortException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What failed, coarse enough to choose an exit status. */
  public enum Kind {
    /** The directory could not be reached, TLS failed, or the bind was refused. */
    DIRECTORY_UNREACHABLE,
    /** The LAPS schema is missing from the directory. */
    DIRECTORY_SCHEMA,
    /** The computer object is missing or the bind may not write the attribute. */
    DIRECTORY_DENIED,
    /** Any other refusal by the directory. */
    DIRECTORY_REJECTED,
    /** The managed local account does not exist or cannot be chosen. */
    ACCOUNT_MISSING,
    /** The managed local account is locked. */
    ACCOUNT_LOCKED,
    /** Setting the local password failed. */
    LOCAL_FAILED,
    /** The journal could not be read or written. */
    JOURNAL
  }

  private final Kind kind;

  public PortException(Kind kind, String message) {
    this(kind, message, null);
  }

  public PortException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the failure is on the directory side, where no local change may follow. */
  public boolean directorySide() {
    return kind.name().startsWith("DIRECTORY_");
  }
}
