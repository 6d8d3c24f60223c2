package io.lapsbridge.cli;

/** The fixed process exit codes. LDAP result codes are reported in messages, never used here. */
public enum ExitStatus {
  /** Success. */
  OK(0),
  /** Completed, but found a problem: drift under --check, a policy violation, an expiry. */
  PROBLEM(1),
  /** The command line or an input file was wrong. */
  USAGE(2),
  /** The directory is unreachable, TLS failed, or the bind was refused. */
  UNREACHABLE(3),
  /** The LAPS schema is missing or incompatible. */
  SCHEMA(4),
  /** The object was not found, or access to the attribute was denied. */
  NOT_FOUND(5),
  /** Some objects failed and the rest succeeded. */
  PARTIAL(6);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
