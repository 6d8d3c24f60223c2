package io.lapsbridge.config;

/**
 * Settings that cannot be used: contradicting options, a value that is not a number, an
 * unreadable or unknown profile, a policy file that is missing. The user's to fix (exit 2); the
 * message never holds a secret.
 */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }
}
