package io.lapsbridge.platform.file;

import io.lapsbridge.policy.PolicyInputException;

/** A JSON policy file is malformed: {@code file:line:column: error}. */
public final class PolicyFileException extends PolicyInputException {
  private static final long serialVersionUID = 1L;

  public PolicyFileException(String file, int line, int column, String error) {
    super(file, line + ":" + column, error);
  }
}
