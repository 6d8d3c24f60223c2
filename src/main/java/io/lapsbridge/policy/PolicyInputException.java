package io.lapsbridge.policy;

/**
 * A policy input (Registry.pol, JSON policy file) is malformed. The message is one line,
 * {@code file:position: error}, and never contains a secret.
 */
public class PolicyInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String position;
  private final String error;

  public PolicyInputException(String file, String position, String error) {
    super(file + ":" + position + ": " + error);
    this.file = file;
    this.position = position;
    this.error = error;
  }

  public String file() {
    return file;
  }

  /** A byte offset, or {@code line:column}. */
  public String position() {
    return position;
  }

  public String error() {
    return error;
  }
}
