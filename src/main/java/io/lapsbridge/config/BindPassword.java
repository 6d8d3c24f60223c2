package io.lapsbridge.config;

import io.lapsbridge.model.Secret;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a bind password comes from. Never from argv (other users can read it there): from a
 * file, from {@code LAPSBRIDGE_BIND_PASSWORD}, or typed at a prompt.
 */
public final class BindPassword {
  private BindPassword() {}

  /** The first line of {@code file}; every copy of the file's bytes is wiped after. */
  public static Secret fromFile(Path file) {
    return fromFile(file, "--bind-password-file");
  }

  /** The first line of the password file given as {@code option}, named in any error. */
  public static Secret fromFile(Path file, String option) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      byte[] line = Arrays.copyOf(bytes, lineLength(bytes));
      try {
        // Both would otherwise fail later as "invalid credentials", without naming the file.
        if (line.length == 0 || (line.length == 1 && line[0] == '\r')) {
          throw new SettingsException(option + " " + file + " is empty: its first line is the"
              + " password");
        }
        if (line.length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB
            && line[2] == (byte) 0xBF) {
          throw new SettingsException(option + " " + file + " begins with a byte-order mark;"
              + " save it as UTF-8 without BOM");
        }
        return Secret.fromUtf8Line(line);
      } finally {
        Arrays.fill(line, (byte) 0);
        Arrays.fill(bytes, (byte) 0);
      }
    } catch (IOException e) {
      // The path is named already; the type says what went wrong.
      throw new SettingsException("cannot read " + option + " " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  static Secret read(ResolvedConnection given, Map<String, String> environment) {
    if (given.bindPasswordFile() != null) {
      return fromFile(given.bindPasswordFile());
    }
    String fromEnvironment = environment.get("LAPSBRIDGE_BIND_PASSWORD");
    if (fromEnvironment != null) {
      return Secret.of(fromEnvironment);
    }
    Console console = Terminal.console();
    if (console == null) {
      throw new SettingsException(
          "a bind password is needed: give --bind-password-file or LAPSBRIDGE_BIND_PASSWORD"
              + " (no terminal to prompt on)");
    }
    char[] typed = console.readPassword("Password for %s: ", given.bindDn());
    if (typed == null) {
      throw new SettingsException("no bind password entered");
    }
    return Secret.adopt(typed);
  }

  private static int lineLength(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    return end;
  }
}
