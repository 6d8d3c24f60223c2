package io.lapsbridge.usecase;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.EstateReader;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.migration.InventorySummary;
import io.lapsbridge.report.InventoryOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * {@code inventory}: streams every computer of the paged search through the classifier into the
 * report as it arrives, so that the estate is never held in memory.
 */
public final class TakeInventory {
  private TakeInventory() {}

  /**
   * As {@link #run}, over several domains or forests into one report: their computers in the
   * order of the directories, one summary over all.
   */
  public static void runAcross(java.util.List<LapsDirectory> directories,
      InventorySummary summary, InventoryOutput.Format format, Writer out)
      throws DirectoryException, IOException {
    try {
      InventoryOutput report = InventoryOutput.open(format, summary, out, String.join("; ",
          directories.stream().map(LapsDirectory::baseDn).toList()));
      for (LapsDirectory directory : directories) {
        new EstateReader(directory).forEachComputer(null, report::add);
      }
      report.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Classifies the estate into {@code summary} and writes the report to {@code out}. */
  public static void run(LapsDirectory directory, InventorySummary summary,
      InventoryOutput.Format format, Writer out) throws DirectoryException, IOException {
    try {
      InventoryOutput report = InventoryOutput.open(format, summary, out, directory.baseDn());
      new EstateReader(directory).forEachComputer(null, report::add);
      report.finish();
    } catch (UncheckedIOException e) {
      // The report writes from inside the search's callback, which cannot throw IOException.
      throw e.getCause();
    }
  }
}
