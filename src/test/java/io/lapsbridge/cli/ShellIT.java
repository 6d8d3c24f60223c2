package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.computer;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.directory.ComputerNameSearch;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.model.Secret;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code lapsbridge shell} against the stand-in, its commands piped on stdin. */
class ShellIT {
  private static final String PASSWORD = "Sh3ll-Pass-01";
  private static final String EXPIRY = "134405568000000000"; // 2026-12-01T00:00:00Z
  private static String ou;

  @BeforeAll
  static void estate() throws Exception {
    ou = SharedStandIn.organizationalUnit("ShellIT");
    computer(ou, "SH-PC01", "ms-Mcs-AdmPwd", PASSWORD, "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    computer(ou, "SH-PC02", "ms-Mcs-AdmPwd", "Other-Pass-02", "ms-Mcs-AdmPwdExpirationTime",
        EXPIRY);
    computer(ou, "SH-SRV", "msLAPS-PasswordExpirationTime", EXPIRY);
  }

  /** Runs the shell with {@code script} on stdin (System.in, restored afterwards). */
  static CliRun shell(String who, String script) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args(connect(who), "shell"));
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void oneBindManyQueriesWithTheSameOutputAsTheCommands() {
    CliRun get = CliRun.of(args(connect("reader"), "get-password", "SH-PC01"));
    assertEquals(0, get.status(), get.err());
    CliRun shell = shell("reader", "get SH-PC01\n# a comment\n\nreset SH-PC02 --when"
        + " 2030-01-01T00:00:00Z --dry-run\nexit\nget SH-PC02\n");
    assertEquals(0, shell.status(), shell.err());
    assertEquals(get.out() + dryRunLine(), shell.out());
    assertFalse(shell.out().contains("Other-Pass-02"), "nothing after exit runs");
    assertEquals("", shell.err());
  }

  /** reset-password --dry-run's own line for the same request, to compare with. */
  static String dryRunLine() {
    CliRun reset = CliRun.of(args(connect("reader"), "reset-password", "SH-PC02", "--when",
        "2030-01-01T00:00:00Z", "--dry-run"));
    assertEquals(0, reset.status(), reset.err());
    return reset.out();
  }

  @Test
  void aFailingLineIsReportedAndTheSessionGoesOn() {
    // The inventory covers the shared stand-in's whole estate, where other tests may leave
    // values no bind can read (its note is then the only other stderr line).
    CliRun shell = shell("reader", "inventory\nget NO-SUCH-PC\nfrobnicate\nget \"unclosed\n"
        + "get SH-PC01\n");
    assertTrue(shell.out().contains("Password            : " + PASSWORD + "\n"), shell.out());
    assertTrue(shell.out().contains("SH-SRV"), "inventory ran: " + shell.out());
    assertEquals(List.of(
        "lapsbridge: computer 'NO-SUCH-PC' not found under dc=example,dc=com",
        "lapsbridge: usage: unknown command 'frobnicate'; commands: get, inventory, reset, help,"
            + " exit, quit (type help)",
        "lapsbridge: usage: unclosed double quote"), shell.err().lines()
            .filter(l -> !l.endsWith("this bind cannot read (state 'unreadable')")).toList());
    assertEquals(2, shell.status(), "the last failure's status: a usage error");
  }

  @Test
  void theOrdinaryUserSeesNoPasswordAndTheStatusSaysSo() {
    CliRun get = CliRun.of(args(connect("user"), "get-password", "SH-PC01"));
    CliRun shell = shell("user", "get SH-PC01\n");
    assertEquals(get.status(), shell.status(), shell.err());
    assertEquals(get.out(), shell.out());
    assertFalse(shell.out().contains(PASSWORD));
  }

  @Test
  void resetWritesTheExpiryInTheFamilyTheComputerUses() throws Exception {
    CliRun shell = shell("reader", "reset SH-PC02 --when 2031-02-03T04:05:06Z\n");
    assertEquals(0, shell.status(), shell.err());
    try (var admin = SharedStandIn.admin()) {
      assertEquals("135723315060000000", admin.getEntry("cn=SH-PC02," + ou,
          "ms-Mcs-AdmPwdExpirationTime").getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
    }
  }

  @Test
  void namesForCompletionComeFromAnEscapedPrefixSearch() throws Exception {
    StandInDirectory server = SharedStandIn.get();
    ConnectionSettings reader = new ConnectionSettings("127.0.0.1", server.port(),
        TransportSecurity.START_TLS, SharedStandIn.READER_DN,
        Secret.of(SharedStandIn.readFile(SharedStandIn.passwordFile("reader")).strip()),
        server.certificateFile(), SharedStandIn.BASE, null);
    try (LapsDirectory directory = LapsDirectory.open(reader)) {
      assertEquals(new ComputerNameSearch.Names(List.of("SH-PC01", "SH-PC02"), true),
          ComputerNameSearch.startingWith(directory, "sh-pc", 10));
      ComputerNameSearch.Names cut = ComputerNameSearch.startingWith(directory, "SH-", 1);
      assertEquals(1, cut.names().size());
      assertFalse(cut.complete(), "more than the limit: the caller must ask again");
      assertEquals(new ComputerNameSearch.Names(List.of(), true),
          ComputerNameSearch.startingWith(directory, "*)(cn=SH-PC01", 10));
      assertEquals(new ComputerNameSearch.Names(List.of(), true),
          ComputerNameSearch.startingWith(directory, "SH-PC0\\", 10));
    }
  }
}
