package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** #18 item 9: exit codes as the README's table says, for input that needs no directory. */
class ExitCodesTest {
  @Test
  void negativeTimeoutIsAUsageError() {
    CliRun run = CliRun.of("get-password", "PC1", "--host", "h", "--ldaps", "--timeout", "-5");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --timeout must be at least 1 second: -5\n", run.err());
  }

  @Test
  void emptyComputerNameIsAUsageError() {
    CliRun get = CliRun.of("get-password", "", "--host", "h", "--ldaps");
    assertEquals(2, get.status());
    assertEquals("lapsbridge: usage: a COMPUTER name must not be empty\n", get.err());
    CliRun reset = CliRun.of("reset-password", "PC1", " ", "--host", "h", "--ldaps");
    assertEquals(2, reset.status());
    assertEquals("lapsbridge: usage: a COMPUTER name must not be empty\n", reset.err());
  }

  @Test
  void invalidOuDnIsAUsageError() {
    CliRun run = CliRun.of("permissions", "grant-read", "--ou", "Workstations", "--principal",
        "S-1-5-32-544", "--host", "h", "--ldaps");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --ou 'Workstations' is not a DN such as"
        + " OU=Workstations,DC=corp,DC=example,DC=com\n", run.err());
  }

  @Test
  void missingConfigFileIsAnError() {
    CliRun run = CliRun.of("get-password", "PC1", "--host", "h", "--ldaps", "--config",
        "/nonexistent/profiles.properties");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --config /nonexistent/profiles.properties does not exist\n",
        run.err());
  }

  @Test
  void emptyOrBomPasswordFileIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path empty = java.nio.file.Files.write(dir.resolve("empty.pw"), new byte[0]);
    CliRun run = CliRun.of("get-password", "PC1", "--host", "h", "--ldaps", "--bind-dn", "cn=x",
        "--bind-password-file", empty.toString());
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --bind-password-file " + empty + " is empty: its first line"
        + " is the password\n", run.err());
    java.nio.file.Path bom = java.nio.file.Files.write(dir.resolve("bom.pw"),
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'p', 'w', '\n'});
    CliRun withBom = CliRun.of("get-password", "PC1", "--host", "h", "--ldaps", "--bind-dn",
        "cn=x", "--bind-password-file", bom.toString());
    assertEquals(2, withBom.status());
    assertEquals("lapsbridge: usage: --bind-password-file " + bom + " begins with a byte-order"
        + " mark; save it as UTF-8 without BOM\n", withBom.err());
  }
}
