package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.directory.schema.FamilySelection;
import io.lapsbridge.directory.schema.SchemaLdif;
import io.lapsbridge.directory.schema.SchemaTarget;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Usage errors and exit codes that need no directory. */
class CommandLineTest {
  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();
    assertEquals(2, run.status());
    assertTrue(run.err().startsWith("lapsbridge: usage: a command is required\n"), run.err());
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("get-password", "--colour", "PC1");
    assertEquals(2, run.status());
    assertTrue(run.err().startsWith("lapsbridge: usage: Unknown option: '--colour'"), run.err());
  }

  @Test
  void hostIsRequired() {
    CliRun run = CliRun.of("get-password", "PC1", "--ldaps");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --host is required (or set LAPSBRIDGE_HOST)\n", run.err());
  }

  @Test
  void cleartextIsRefusedWithoutInsecure() {
    CliRun run = CliRun.of("get-password", "PC1", "--host", "dc1.example.com");
    assertEquals(2, run.status());
    assertEquals(
        "lapsbridge: usage: refusing a connection without TLS: add --ldaps or --start-tls, or"
            + " --insecure to accept cleartext credentials\n",
        run.err());
  }

  @Test
  void ldapsAndStartTlsExcludeEachOther() {
    CliRun run = CliRun.of("schema", "check", "--host", "h", "--ldaps", "--start-tls");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: choose one of --ldaps and --start-tls\n", run.err());
  }

  @Test
  void unreadablePasswordFileIsAUsageError() {
    CliRun run = CliRun.of("get-password", "PC1", "--host", "h", "--ldaps", "--bind-dn", "cn=x",
        "--bind-password-file", "/nonexistent/pw");
    assertEquals(2, run.status());
    assertEquals(
        "lapsbridge: usage: cannot read --bind-password-file /nonexistent/pw: NoSuchFileException\n",
        run.err());
  }

  @Test
  void badResetTimeIsAUsageError() {
    CliRun run = CliRun.of("reset-password", "PC1", "--when", "tomorrow-ish");
    assertEquals(2, run.status());
    assertEquals(
        "lapsbridge: usage: --when 'tomorrow-ish' is not 'now' or an ISO-8601 UTC time like"
            + " 2026-12-01T08:00:00Z\n",
        run.err());
  }

  @Test
  void unreachableDirectoryExitsThree() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CliRun run = CliRun.of("get-password", "PC1", "--host", "127.0.0.1", "--port",
        Integer.toString(port), "--insecure", "--timeout", "5");
    assertEquals(3, run.status());
    assertTrue(
        run.err().startsWith("lapsbridge: cannot reach ldap://127.0.0.1:" + port + ": "), run.err());
    assertEquals("", run.out());
  }

  @Test
  void schemaPrintWritesTheGeneratedScript() {
    CliRun run = CliRun.of("schema", "print", "--target", "openldap", "--family", "legacy");
    assertEquals(0, run.status());
    assertEquals(SchemaLdif.render(SchemaTarget.OPENLDAP, FamilySelection.LEGACY), run.out());
  }

  @Test
  void versionComesFromTheBuild() {
    CliRun run = CliRun.of("--version");
    assertEquals(0, run.status());
    assertTrue(run.out().startsWith("lapsbridge "), run.out());
  }
}
