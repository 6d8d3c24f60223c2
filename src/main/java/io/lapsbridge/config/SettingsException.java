package io.lapsbridge.config;

/**
 * Connection settings that cannot be used: a contradiction, a value that is not a number, an
 * unreadable or unknown profile. The user's to fix (exit 2); the message never holds a secret.
 */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }
}
