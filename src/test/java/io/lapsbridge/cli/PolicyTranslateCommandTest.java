package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.gpo.PolEntry;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolReader;
import io.lapsbridge.gpo.RegistryPolWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy translate} on a file and on a GPO backup folder. */
class PolicyTranslateCommandTest {
  private static final String LEGACY = "Software\\Policies\\Microsoft Services\\AdmPwd";

  @Test
  void translatesAGpoFolderAndReportsTheLegacyCse(@TempDir Path dir) throws Exception {
    Path gpo = dir.resolve("{6AC1786C-016F-11D2-945F-00C04FB984F9}");
    Path machine = Files.createDirectories(gpo.resolve("DomainSysvol/GPO/Machine"));
    Files.write(machine.resolve("registry.pol"), RegistryPolWriter.write(RegistryPol.of(
        PolEntry.dword(LEGACY, "AdmPwdEnabled", 1), PolEntry.dword(LEGACY, "PasswordLength", 16))));
    Files.writeString(gpo.resolve("Backup.xml"), "<MachineExtensionGuids><![CDATA[[{35378EAC-683F"
        + "-11D2-A89A-00C04FBBCFA2}{D76B9641-3288-4F75-942D-087DE603E3EA}]]]></MachineExtensionGuids>",
        StandardCharsets.UTF_8);
    Path out = dir.resolve("Registry.pol");
    CliRun run = CliRun.of("policy", "translate", gpo.toString(), "--out", out.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("Legacy CSE {D76B9641-3288-4f75-942D-087DE603E3EA}: listed in"
        + " Backup.xml"), run.out());
    assertTrue(run.out().contains("PasswordLength                   16"), run.out());
    RegistryPol written = RegistryPolReader.read(out.toString(), Files.readAllBytes(out));
    assertTrue(written.entries().contains(PolEntry.dword(
        "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS", "PasswordLength", 16)));
    assertTrue(run.err().startsWith("policy translate: wrote "), run.err());
  }

  @Test
  void dryRunWritesNothingAndCorruptInputIsAUsageError(@TempDir Path dir) throws Exception {
    Path legacy = dir.resolve("legacy.pol");
    Files.write(legacy, RegistryPolWriter.write(RegistryPol.of(
        PolEntry.dword(LEGACY, "AdmPwdEnabled", 1))));
    Path out = dir.resolve("out.pol");
    CliRun dry = CliRun.of("policy", "translate", legacy.toString(), "--out", out.toString(),
        "--dry-run");
    assertEquals(0, dry.status(), dry.err());
    assertFalse(Files.exists(out));
    Files.write(legacy, new byte[] {1, 2, 3});
    CliRun bad = CliRun.of("policy", "translate", legacy.toString(), "--out", out.toString());
    assertEquals(2, bad.status());
    assertTrue(bad.err().startsWith("lapsbridge: " + legacy), bad.err());
  }
}
