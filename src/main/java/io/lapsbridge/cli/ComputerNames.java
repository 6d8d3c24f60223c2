package io.lapsbridge.cli;

import java.util.List;

/** The COMPUTER arguments of the commands that take them. */
final class ComputerNames {
  private ComputerNames() {}

  /**
   * Refuses a blank name: it is a typo (an empty shell variable, most often), and searched for it
   * would read as "not found" (exit 5) instead of the usage error it is.
   */
  static List<String> require(List<String> names) {
    for (String name : names) {
      if (name.isBlank()) {
        throw new UsageException("a COMPUTER name must not be empty");
      }
    }
    return names;
  }
}
