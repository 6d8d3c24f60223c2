package io.lapsbridge.directory;

import java.util.Optional;

/**
 * A directory operation failed. It carries what a person needs to act: the operation, the DN,
 * the attribute, and the LDAP result code with the server's diagnostic. The message is complete
 * on one line and never contains a secret.
 */
public final class DirectoryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, which decides the exit status. */
  public enum Kind {
    UNREACHABLE,
    TLS,
    BIND,
    NOT_FOUND,
    AMBIGUOUS,
    ACCESS_DENIED,
    SCHEMA_MISSING,
    MALFORMED_VALUE,
    REJECTED
  }

  private final Kind kind;
  private final String resultCode;

  public DirectoryException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public DirectoryException(Kind kind, String message, String resultCode, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.resultCode = resultCode;
  }

  public Kind kind() {
    return kind;
  }

  /** The LDAP result code as "name (number)", when the server sent one. */
  public Optional<String> resultCode() {
    return Optional.ofNullable(resultCode);
  }
}
