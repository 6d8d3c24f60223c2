package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.report.InventoryOutput.Format;
import io.lapsbridge.usecase.Directories;
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

  @Option(names = "--format", defaultValue = "text", description = "text, json, csv or html (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--output", description = "Write to this file instead of stdout (html requires it).")
  Path output;

  @Option(names = "--overwrite", description = "Replace the --output file when it exists (never the command's input).")
  boolean overwrite;

  @Override
  public Integer call() throws DirectoryException, IOException {
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
    err.flush();
    return summary.unreadable() > 0 ? ExitStatus.PROBLEM.code() : ExitStatus.OK.code();
  }
}
