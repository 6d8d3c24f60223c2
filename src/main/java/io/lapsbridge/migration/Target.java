package io.lapsbridge.migration;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The end state a rule asks for. */
public enum Target {
  /** Stay on legacy LAPS. */
  LEGACY("legacy"),
  /** Windows LAPS writes {@code msLAPS-Password}. */
  WINDOWS_CLEARTEXT("windows-cleartext"),
  /** Windows LAPS writes {@code msLAPS-EncryptedPassword}; only the clients can encrypt. */
  WINDOWS_ENCRYPTED("windows-encrypted"),
  /** Both families kept. */
  SIDE_BY_SIDE("side-by-side");

  private final String key;

  Target(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public boolean isWindows() {
    return this == WINDOWS_CLEARTEXT || this == WINDOWS_ENCRYPTED;
  }

  static Target parse(String text, String where) {
    for (Target t : values()) {
      if (t.key.equals(text.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new MigrationInputException(where + ": '" + text + "' is not one of "
        + Arrays.stream(values()).map(Target::key).collect(Collectors.joining(", ")));
  }
}
