package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.report.InventoryOutput.Format;
import io.lapsbridge.usecase.CombinedInventory;
import io.lapsbridge.usecase.Directories;
import io.lapsbridge.usecase.EntraInventory;
import io.lapsbridge.usecase.TakeInventory;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inventory}: every computer's LAPS state, as rows plus a summary, on stdout or in a file
 * ({@link TakeInventory} streams the estate).
 */
@Command(
    name = "inventory",
    description = "Classify every computer's LAPS state: counts per state and OU, stale and conflicting machines.")
final class InventoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin MigrationOptions classification;
  @Mixin EntraOptions entra;

  @Option(names = "--directory", defaultValue = "ad", description = DirectoryChoice.DESCRIPTION + " With auto, AD computers are matched to Entra devices and a password in both is flagged.")
  DirectoryChoice directory;

  @Option(names = "--format", defaultValue = "text", description = "text, json, csv or html (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--output", description = "Write to this file instead of stdout (html requires it).")
  Path output;

  @Option(names = "--overwrite", description = "Replace the --output file when it exists (never the command's input).")
  boolean overwrite;

  @Override
  public Integer call() throws DirectoryException, IOException, GraphException {
    if (directory != DirectoryChoice.AD) {
      return entra();
    }
    if (format == Format.HTML && output == null) {
      throw new UsageException("--format html writes a report file: give --output FILE");
    }
    if (output != null) {
      OutputFile.check("--output", output, overwrite);
    }
    InventorySummary summary = new InventorySummary(classification.classifier());
    Writer writer = output == null
        ? spec.commandLine().getOut()
        : new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8);
    // With several domains (or profiles listing several forests), one report over them all.
    try (Directories directories = Directories.open(connection.eachDirectory())) {
      TakeInventory.runAcross(directories.all(), summary, format, writer);
    } finally {
      if (output != null) {
        writer.close();
      } else {
        writer.flush();
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    if (format == Format.CSV) {
      err.println("inventory: " + summary.total() + " computers");
    }
    if (summary.unreadable() > 0) {
      // A bind without the read right sees no password: reporting "neither" would mislead.
      err.println("lapsbridge: " + summary.unreadable() + " computer(s) hold a LAPS password this"
          + " bind cannot read (state 'unreadable'); bind as a principal with the read and"
          + " control-access rights ('lapsbridge permissions grant-read')");
    }
    if (summary.malformed() > 0) {
      // README: a malformed stored value is a problem (exit 1); the rows say which and why.
      err.println("lapsbridge: " + summary.malformed() + " computer(s) hold a LAPS value that"
          + " does not follow its format (state 'malformed'); the report names each attribute");
    }
    err.flush();
    return summary.unreadable() > 0 || summary.malformed() > 0
        ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
  }

  /** {@code --directory entra} (streamed) or {@code auto} (combined, #16). */
  private int entra() throws DirectoryException, IOException, GraphException {
    if (format == Format.HTML) {
      throw new UsageException("--format html is for the AD inventory; use text, json or csv"
          + " with --directory " + directory.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (output != null) {
      OutputFile.check("--output", output, overwrite);
    }
    EntraDirectory graph = entra.open(connection);
    Writer writer = output == null
        ? spec.commandLine().getOut()
        : new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8);
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (directory == DirectoryChoice.ENTRA) {
        EntraInventory.Outcome outcome =
            EntraInventory.run(graph, format, writer, java.time.Instant.now());
        err.println("inventory: " + outcome.devices() + " Entra ID device(s) with a backed-up"
            + " password, " + outcome.pages() + " page(s)"
            + (outcome.throttled() > 0 ? ", " + outcome.throttled() + " throttled answer(s)"
                + " waited out" : ""));
        err.flush();
        return ExitStatus.OK.code();
      }
      CombinedInventory.Outcome outcome;
      try (LapsDirectory ad = connection.open()) {
        outcome = CombinedInventory.run(ad, graph, format, writer, java.time.Instant.now());
      }
      if (outcome.bothCurrent() + outcome.adCopyLeft() > 0) {
        err.println("lapsbridge: " + outcome.bothCurrent() + " device(s) with a current password"
            + " in both directories, " + outcome.adCopyLeft() + " AD cop(ies) left after a move"
            + " to Entra ID");
        err.flush();
        return ExitStatus.PROBLEM.code();
      }
      return ExitStatus.OK.code();
    } finally {
      if (output != null) {
        writer.close();
      } else {
        writer.flush();
      }
    }
  }
}
