package io.lapsbridge.entra;

/**
 * A Graph or token request failed. The message is one line naming the request and what Graph
 * said (its error code and message), and never a token, secret or password.
 */
public final class GraphException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, which decides the exit status. */
  public enum Kind {
    /** No answer, a TLS failure, or throttled past the retry budget. */
    UNREACHABLE,
    /** The identity platform refused to issue a token (bad secret, certificate, client id). */
    AUTHENTICATION,
    NOT_FOUND,
    /** Several devices carry the name; the message lists them. */
    AMBIGUOUS,
    /** A permission or role is missing; the message names the one needed. */
    PERMISSION,
    /** Intune does not manage the device, or the tenant has no Intune. */
    NOT_MANAGED,
    /** Graph answered with something that does not follow the documented shape. */
    MALFORMED,
    /** Any other refusal. */
    REJECTED,
    /** A local input cannot be used: the certificate file, the token cache file. */
    LOCAL_INPUT
  }

  private final Kind kind;

  public GraphException(Kind kind, String message) {
    this(kind, message, null);
  }

  public GraphException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
