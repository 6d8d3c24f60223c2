package io.lapsbridge.wire;

/**
 * A stored value does not follow its wire format. The message names the problem but never
 * repeats the value when the value could be a secret; callers add the DN and attribute.
 */
public class MalformedValueException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedValueException(String message) {
    super(message);
  }

  public MalformedValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
