package io.lapsbridge.embedded;

/** The stand-in directory could not start or load its data. */
public final class StandInException extends Exception {
  private static final long serialVersionUID = 1L;

  public StandInException(String message) {
    super(message);
  }

  public StandInException(String message, Throwable cause) {
    super(message, cause);
  }
}
