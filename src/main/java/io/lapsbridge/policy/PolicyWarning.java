package io.lapsbridge.policy;

/**
 * Something an administrator should fix: an unsupported value that was replaced by its default,
 * an unknown value name, an encryption fallback. Carries the raw value, never a secret.
 */
public record PolicyWarning(String subject, String message) {
  public String describe() {
    return subject + ": " + message;
  }
}
