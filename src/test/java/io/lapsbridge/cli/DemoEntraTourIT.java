package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code demo}'s tour over Entra ID (#16): one get-password finds one device in AD and another
 * in Entra, an Entra device's history is read, and the combined inventory flags the hybrid
 * device backed up to both directories and the one whose AD copy was left behind.
 */
class DemoEntraTourIT {
  @Test
  void theTourReadsEntraAndFlagsTheHybridDevices() {
    CliRun run = CliRun.of("demo", "--port", "0", "--ldaps-port", "0", "--computers", "12");
    assertEquals(0, run.status(), run.err());
    String out = run.out();
    int entra = out.indexOf("Microsoft Entra ID (Graph stand-in)");
    assertTrue(entra > 0, out);
    String tour = out.substring(entra);
    assertTrue(tour.contains("Source              : LegacyLapsCleartextPassword"), tour);
    assertTrue(tour.contains("Source              : EntraIdPassword\n"), tour);
    assertTrue(tour.contains("Source              : EntraIdPasswordHistory"), tour);
    assertTrue(tour.contains("Account             : Administrator"), "history of two accounts");
    assertTrue(tour.matches("(?s).*\\nHYB-01 +both-current .*"), tour);
    assertTrue(tour.matches("(?s).*\\nHYB-02 +ad-copy-left .*"), tour);
    assertTrue(tour.contains("rotateLocalAdminPassword sent to Intune device"), tour);
    assertTrue(run.err().contains("'ENTRA-WS-01' found in Entra ID (Active Directory: computer"
        + " 'ENTRA-WS-01' not found"), run.err());
    assertTrue(run.err().contains("found in Active Directory"), run.err());
  }
}
