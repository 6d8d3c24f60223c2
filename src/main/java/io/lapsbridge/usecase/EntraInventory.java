package io.lapsbridge.usecase;

import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.report.EntraInventoryOutput;
import io.lapsbridge.report.InventoryOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * {@code inventory --directory entra} (#16): the devices with a backed-up password, streamed from
 * Graph page by page into the report, so that a tenant of any size is never held in memory.
 */
public final class EntraInventory {
  private EntraInventory() {}

  /**
   * How many devices and pages were read.
   *
   * @param devices the devices listed
   * @param pages the Graph pages read
   * @param throttled how many 429 answers were waited out
   */
  public record Outcome(long devices, int pages, int throttled) {}

  public static Outcome run(EntraDirectory entra, InventoryOutput.Format format, Writer out,
      Instant asOf) throws GraphException, IOException {
    EntraInventoryOutput report = EntraInventoryOutput.open(format, out, asOf);
    int pages;
    try {
      pages = entra.forEachCredential(report::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    report.finish(pages);
    return new Outcome(report.devices(), pages, entra.throttledCount());
  }
}
