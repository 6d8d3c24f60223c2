package io.lapsbridge.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a GPO folder's machine Registry.pol and the legacy CSE in its backup files. */
class GpoBackupFolderTest {
  private static final String CSE = "{D76B9641-3288-4f75-942D-087DE603E3EA}";

  @Test
  void findsTheMachineRegistryPolInAnyCaseAndNotTheUserOne(@TempDir Path gpo) throws Exception {
    Files.createDirectories(gpo.resolve("DomainSysvol/GPO/User"));
    Files.write(gpo.resolve("DomainSysvol/GPO/User/Registry.pol"), new byte[0]);
    assertEquals(Optional.empty(), GpoBackupFolder.registryPol(gpo));
    Path machine = Files.createDirectories(gpo.resolve("DomainSysvol/GPO/MACHINE"));
    Files.write(machine.resolve("registry.POL"), new byte[0]);
    assertEquals(Optional.of(machine.resolve("registry.POL")), GpoBackupFolder.registryPol(gpo));
  }

  @Test
  void readsAUtf16GpReportWithItsByteOrderMark(@TempDir Path gpo) throws Exception {
    byte[] text = ("<x>" + CSE.toUpperCase(java.util.Locale.ROOT) + "</x>")
        .getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[text.length + 2];
    withBom[0] = (byte) 0xff;
    withBom[1] = (byte) 0xfe;
    System.arraycopy(text, 0, withBom, 2, text.length);
    Files.write(gpo.resolve("gpreport.xml"), withBom);
    assertEquals("Legacy CSE " + CSE + ": listed in gpreport.xml; remove the AdmPwd CSE once"
        + " every computer runs Windows LAPS", GpoBackupFolder.legacyCseListing(gpo));
    // Big-endian too; the mark stays in the text, which is only searched.
    assertEquals("\uFEFFab",
        GpoBackupFolder.xmlText(new byte[] {(byte) 0xfe, (byte) 0xff, 0, 'a', 0, 'b'}));
  }

  @Test
  void saysWhereItLookedWhenTheCseIsNotListed(@TempDir Path gpo) throws Exception {
    assertTrue(GpoBackupFolder.legacyCseListing(gpo).endsWith(": unknown (no Backup.xml,"
        + " bkupInfo.xml or gpreport.xml here; check gPCMachineExtensionNames in AD)"));
    Files.writeString(gpo.resolve("Backup.xml"), "<none/>", StandardCharsets.UTF_8);
    assertEquals("Legacy CSE " + CSE + ": not listed (looked in Backup.xml)",
        GpoBackupFolder.legacyCseListing(gpo));
  }
}
