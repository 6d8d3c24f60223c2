package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/commands.md is generated from the picocli declarations. Regenerate with
 * {@code mvn test -Dtest=CommandReferenceTest -Dregenerate=true}.
 */
class CommandReferenceTest {
  private static final Path REFERENCE = Path.of("docs", "commands.md");

  static String render() {
    StringBuilder text = new StringBuilder();
    text.append("# Command reference\n\n")
        .append("Generated from the command declarations by `CommandReferenceTest`; do not edit.\n");
    CommandLine root = Lapsbridge.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    append(text, root);
    return text.toString();
  }

  private static void append(StringBuilder text, CommandLine command) {
    if (command.getCommandName().equals("help")) {
      return;
    }
    text.append("\n## ").append(command.getCommandSpec().qualifiedName()).append("\n\n```\n");
    command.setUsageHelpWidth(100);
    text.append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
    command.getSubcommands().values().stream().distinct().forEach(sub -> append(text, sub));
  }

  @Test
  void referenceIsInStepWithTheCommands() throws IOException {
    String generated = render();
    if (Boolean.getBoolean("regenerate")) {
      Files.createDirectories(REFERENCE.getParent());
      Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
    }
    assertEquals(generated, Files.readString(REFERENCE, StandardCharsets.UTF_8),
        "docs/commands.md is stale; regenerate with -Dregenerate=true");
  }
}
