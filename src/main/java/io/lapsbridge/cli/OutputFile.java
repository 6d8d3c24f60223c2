package io.lapsbridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rule for a file a command writes: never its own input, an existing file only with {@code
 * --overwrite} ({@code --force} already means "rotate now" on the agent), and only into a folder
 * that exists. Checked before any work, so a refused command has changed nothing.
 */
final class OutputFile {
  private OutputFile() {}

  static void check(String option, Path out, boolean overwrite, Path... inputs) {
    for (Path input : inputs) {
      if (input != null && sameFile(out, input)) {
        throw new UsageException(option + " " + out + " is this command's input; write the"
            + " result to another file");
      }
    }
    if (Files.exists(out) && !overwrite) {
      throw new UsageException(option + " " + out + " already exists; add --overwrite to"
          + " replace it");
    }
    Path folder = out.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new UsageException(option + " " + out + ": folder " + folder + " does not exist");
    }
  }

  private static boolean sameFile(Path out, Path input) {
    try {
      return Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input);
    } catch (IOException e) {
      return false;
    }
  }
}
