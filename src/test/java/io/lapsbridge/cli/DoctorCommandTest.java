package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}'s usage errors, found before anything connects (host "h" does not exist). */
class DoctorCommandTest {
  @TempDir Path folder;

  @Test
  void staleDaysMustBePositive() {
    CliRun run = CliRun.of("doctor", "--stale-days", "0", "--host", "h", "--ldaps");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --stale-days must be at least 1: 0\n", run.err());
  }

  @Test
  void aMissingPolicyFileIsAUsageError() {
    Path missing = folder.resolve("missing.pol");
    CliRun run = CliRun.of("doctor", "--policy", missing.toString(), "--host", "h", "--ldaps");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --policy " + missing + ": no such file\n", run.err());
  }

  @Test
  void aGpoBackupWithoutRegistryPolIsAUsageError() throws Exception {
    Path gpo = Files.createDirectories(folder.resolve("{GPO}/DomainSysvol"));
    CliRun run = CliRun.of("doctor", "--gpo-backup", folder.toString(), "--host", "h",
        "--ldaps");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --gpo-backup " + folder + ": no Machine/Registry.pol in"
        + " it\n", run.err());
    CliRun file = CliRun.of("doctor", "--gpo-backup", gpo.resolve("x").toString(), "--host",
        "h", "--ldaps");
    assertEquals("lapsbridge: usage: --gpo-backup " + gpo.resolve("x") + ": not a folder\n",
        file.err());
  }

  @Test
  void aCorruptRegistryPolNamesTheFile() throws Exception {
    Path corrupt = Files.write(folder.resolve("corrupt.pol"), new byte[] {'P', 'R', 'e'});
    CliRun run = CliRun.of("doctor", "--policy", corrupt.toString(), "--host", "h", "--ldaps");
    assertEquals(2, run.status());
    assertEquals(true, run.err().startsWith("lapsbridge: " + corrupt + ":"), run.err());
  }
}
