package io.lapsbridge.rpc;

/**
 * Why an RPC exchange failed, in terms a user can act on. Parsers throw {@link Kind#MALFORMED};
 * transport, authentication and server answers have their own kinds. Messages name hosts,
 * ports, users, groups and codes, never passwords, hashes or keys.
 */
public final class RpcException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Bytes from the peer do not form a valid PDU, NTLM message or stub. */
    MALFORMED,
    /** No TCP connection to the endpoint mapper or the dynamic port. */
    UNREACHABLE,
    /** The peer did not answer within the read timeout. */
    TIMEOUT,
    /** The peer closed the connection in the middle of an exchange. */
    CONNECTION_DROPPED,
    /** NTLM authentication failed: wrong password, unknown user or refused account. */
    AUTHENTICATION_FAILED,
    /** The server refused our authentication type or level (it may require Kerberos). */
    STRONGER_AUTHENTICATION_REQUIRED,
    /** A signature or sealed stub did not verify. */
    INTEGRITY,
    /** The server answered with a fault PDU. */
    FAULT,
    /** The peer broke the protocol (unexpected PDU, interface not offered). */
    PROTOCOL,
    /** GetKey refused: the caller is not an authorized decryptor (E_ACCESSDENIED). */
    ACCESS_DENIED,
    /** GetKey refused: no such root key, or a key from the future. */
    NO_SUCH_KEY,
    /** GetKey failed with another HRESULT. */
    SERVER_ERROR
  }

  private final Kind kind;
  private final int status;

  public RpcException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  public RpcException(Kind kind, String message, Throwable cause) {
    this(kind, 0, message, cause);
  }

  /** @param status the fault status or HRESULT the server sent, 0 when none */
  public RpcException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    if (kind == null) {
      throw new IllegalArgumentException("kind must not be null");
    }
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The fault status or HRESULT from the server, or 0. */
  public int status() {
    return status;
  }

  /** A parse failure. */
  public static RpcException malformed(String message) {
    return new RpcException(Kind.MALFORMED, message);
  }

  /** A parse failure found by the shared little-endian reader, naming what was being read. */
  public static RpcException malformed(String what, io.lapsbridge.wire.BinaryFormatException e) {
    return new RpcException(Kind.MALFORMED, what + " is malformed: " + e.getMessage(), e);
  }
}
