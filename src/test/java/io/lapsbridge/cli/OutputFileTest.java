package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.gpo.PolEntry;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #18 item 3: the files commands write never replace their input, replace another file only
 * with --overwrite, and a missing folder is a usage error, not a stack trace (item 5). Each is
 * refused before any connection, so no directory is needed.
 */
class OutputFileTest {
  private static final String[] UNUSED_DIRECTORY = {"--host", "127.0.0.1", "--port", "1",
      "--ldaps", "--timeout", "1"};

  @Test
  void translateRefusesAnExistingFileUnlessOverwrite(@TempDir Path dir) throws Exception {
    Path legacy = legacyPol(dir);
    Path out = Files.writeString(dir.resolve("out.pol"), "keep");
    CliRun refused = CliRun.of("policy", "translate", legacy.toString(), "--out", out.toString());
    assertEquals(2, refused.status());
    assertEquals("lapsbridge: usage: --out " + out + " already exists; add --overwrite to replace"
        + " it\n", refused.err());
    assertEquals("keep", Files.readString(out));
    CliRun replaced = CliRun.of("policy", "translate", legacy.toString(), "--out",
        out.toString(), "--overwrite");
    assertEquals(0, replaced.status(), replaced.err());
  }

  @Test
  void translateNeverWritesOverItsInput(@TempDir Path dir) throws Exception {
    Path legacy = legacyPol(dir);
    byte[] before = Files.readAllBytes(legacy);
    CliRun run = CliRun.of("policy", "translate", legacy.toString(), "--out",
        dir.resolve(".").resolve("legacy.pol").toString(), "--overwrite");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --out " + dir.resolve(".").resolve("legacy.pol")
        + " is this command's input; write the result to another file\n", run.err());
    assertEquals(0, java.util.Arrays.compare(before, Files.readAllBytes(legacy)));
  }

  @Test
  void planNeverWritesOverItsRules(@TempDir Path dir) throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules: []\n");
    CliRun run = CliRun.of(args("migrate", "plan", "--rules", rules.toString(), "--output",
        rules.toString(), "--overwrite"));
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --output " + rules + " is this command's input; write the"
        + " result to another file\n", run.err());
    assertEquals("rules: []\n", Files.readString(rules));
  }

  @Test
  void inventoryRefusesAnExistingFile(@TempDir Path dir) throws Exception {
    Path out = Files.writeString(dir.resolve("estate.csv"), "keep");
    CliRun run = CliRun.of(args("inventory", "--format", "csv", "--output", out.toString()));
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --output " + out + " already exists; add --overwrite to"
        + " replace it\n", run.err());
  }

  @Test
  void outputIntoAMissingFolderIsAUsageError(@TempDir Path dir) {
    Path out = dir.resolve("no-such-folder").resolve("estate.html");
    CliRun run = CliRun.of(args("inventory", "--format", "html", "--output", out.toString()));
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --output " + out + ": folder " + out.getParent()
        + " does not exist\n", run.err());
  }

  private static String[] args(String... command) {
    String[] all = new String[command.length + UNUSED_DIRECTORY.length];
    System.arraycopy(command, 0, all, 0, command.length);
    System.arraycopy(UNUSED_DIRECTORY, 0, all, command.length, UNUSED_DIRECTORY.length);
    return all;
  }

  private static Path legacyPol(Path dir) throws Exception {
    return Files.write(dir.resolve("legacy.pol"), RegistryPolWriter.write(RegistryPol.of(
        PolEntry.dword("Software\\Policies\\Microsoft Services\\AdmPwd", "AdmPwdEnabled", 1))));
  }
}
