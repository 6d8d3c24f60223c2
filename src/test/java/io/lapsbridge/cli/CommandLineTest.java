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
    assertEquals("lapsbridge: usage: --host or --domain is required (or set LAPSBRIDGE_HOST or"
        + " LAPSBRIDGE_DOMAIN)\n", run.err());
  }

  @Test
  void cleartextIsRefusedWithoutInsecure() {
    CliRun run = CliRun.of("get-password", "PC1", "--host", "dc1.example.com");
    assertEquals(2, run.status());
    assertEquals(
        "lapsbridge: usage: refusing a connection without TLS: add --ldaps or --start-tls, or"
            + " --kerberos (which seals the session), or --insecure to accept cleartext"
            + " credentials\n",
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
    // #18 item 10: cleartext is allowed with --insecure, and said every time.
    assertTrue(run.err().startsWith("lapsbridge: warning: --insecure: the bind password and every"
        + " value read cross the network in clear text\nlapsbridge: cannot reach ldap://127.0.0.1:"
        + port + ": "), run.err());
    assertEquals("", run.out());
  }

  @Test
  void silentLdapsServerExitsThreeWithinTheTimeout() throws IOException {
    // Never accepted, yet connected: the listen backlog completes TCP and then nothing answers.
    try (ServerSocket silent = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
      CliRun run = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(10),
          () -> CliRun.of("get-password", "PC1", "--host", "127.0.0.1", "--port",
              Integer.toString(silent.getLocalPort()), "--ldaps", "--timeout", "2"));
      assertEquals(3, run.status(), run.err());
    }
  }

  @Test
  void unknownOptionWithAValueIsNotEchoed() {
    // #18 item 10: someone typing the password into a mistyped option must not see it printed.
    CliRun run = CliRun.of("get-password", "--bind-password=hunter2", "PC1");
    assertEquals(2, run.status());
    assertTrue(run.err().startsWith("lapsbridge: usage: Unknown option: '--bind-password=...'"),
        run.err());
    assertTrue(!run.err().contains("hunter2"), run.err());
  }

  @Test
  void mistypedCommandGetsASuggestion() {
    CliRun run = CliRun.of("get-pasword", "PC1");
    assertEquals(2, run.status());
    assertTrue(run.err().startsWith("lapsbridge: usage: Unknown command or arguments: 'get-pasword',"
        + " 'PC1' (did you mean get-password"), run.err());
  }

  @Test
  void controlCharactersInMessagesAreEscaped() {
    // #18 item 8: a name echoed in an error cannot start a new line or reach the terminal raw.
    CliRun run = CliRun.of("reset-password", "PC1", "--when", "x\u001b[2J\nlapsbridge: fake");
    assertEquals(2, run.status());
    assertEquals(1, run.err().lines().filter(l -> l.startsWith("lapsbridge:")).count(), run.err());
    assertTrue(run.err().contains("x\\x1B[2J\\nlapsbridge: fake"), run.err());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void profileSuppliesConnectionDefaultsAndTheCommandLineWins() throws IOException {
    int profilePort = closedPort();
    int commandLinePort = closedPort();
    java.nio.file.Path file = java.nio.file.Files.createTempFile("profiles", ".properties");
    java.nio.file.Files.writeString(file, "corp.host=127.0.0.1\ncorp.port=" + profilePort
        + "\ncorp.security=start-tls\nother.host=elsewhere\n");
    CliRun fromProfile = CliRun.of("get-password", "PC1", "--config", file.toString(),
        "--profile", "corp", "--timeout", "5");
    assertEquals(3, fromProfile.status());
    assertTrue(fromProfile.err().startsWith("lapsbridge: cannot reach ldap://127.0.0.1:" + profilePort + ": "),
        fromProfile.err());
    CliRun overridden = CliRun.of("get-password", "PC1", "--config", file.toString(),
        "--profile", "corp", "--port", Integer.toString(commandLinePort), "--timeout", "5");
    assertTrue(overridden.err().startsWith("lapsbridge: cannot reach ldap://127.0.0.1:" + commandLinePort + ": "),
        overridden.err());
  }

  @Test
  void profileErrorsAreUsageErrors() throws IOException {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("profiles", ".properties");
    java.nio.file.Files.writeString(file, "corp.host=dc1\ncorp.password=hunter2\n");
    CliRun unknownKey = CliRun.of("get-password", "PC1", "--config", file.toString(), "--profile", "corp");
    assertEquals(2, unknownKey.status());
    assertEquals("lapsbridge: usage: " + file + ": unknown key 'corp.password'; allowed options: auth,"
        + " authority-url, base-dn, bind-dn, bind-password-file, client-certificate,"
        + " client-certificate-password-file, client-id, client-secret-file, dns-server, domain,"
        + " graph-trust-store, graph-url, host, kdc, kerberos, keytab, port, principal, profiles,"
        + " realm, security, tenant, timeout, token-cache, trust-store, trust-store-password-file\n",
        unknownKey.err());
    assertTrue(!unknownKey.err().contains("hunter2"));

    CliRun missing = CliRun.of("get-password", "PC1", "--config", file.toString(), "--profile", "nope");
    assertEquals(2, missing.status());
    assertEquals("lapsbridge: usage: profile 'nope' is not defined in " + file + "\n", missing.err());

    java.nio.file.Files.writeString(file, "corp.host=dc1\ncorp.security=none\n");
    CliRun insecure = CliRun.of("get-password", "PC1", "--config", file.toString(), "--profile", "corp");
    assertEquals(2, insecure.status());
    assertEquals("lapsbridge: usage: " + file + ": corp.security must be 'ldaps' or 'start-tls', not 'none'\n",
        insecure.err());
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
