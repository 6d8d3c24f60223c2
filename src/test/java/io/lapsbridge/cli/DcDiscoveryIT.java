package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.computer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.testsupport.DnsResponder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --domain} finds the stand-in through DNS SRV from a DNS server the test runs, failing
 * over in priority order; and a profile listing two "domains" (two search bases of the
 * stand-in) is searched across, with a name in both reported as ambiguous.
 */
class DcDiscoveryIT {
  private static final String EXPIRY = "134405568000000000";
  @TempDir static Path temp;
  private static DnsResponder dns;
  private static String east;
  private static String west;
  private static int deadPort;

  @BeforeAll
  static void estate() throws Exception {
    StandInDirectory server = SharedStandIn.get();
    east = SharedStandIn.organizationalUnit("DiscoveryEast");
    west = SharedStandIn.organizationalUnit("DiscoveryWest");
    computer(east, "DISC-EAST", "ms-Mcs-AdmPwd", "East-Pass-1", "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    computer(east, "DISC-TWIN", "ms-Mcs-AdmPwd", "Twin-East-1", "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    computer(west, "DISC-TWIN", "ms-Mcs-AdmPwd", "Twin-West-1", "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    try (ServerSocket closed = new ServerSocket(0)) {
      deadPort = closed.getLocalPort(); // nothing listens once it is closed
    }
    dns = DnsResponder.start()
        .srv("_ldap._tcp.dc._msdcs.example.com", 0, 100, deadPort, "localhost.")
        .srv("_ldap._tcp.dc._msdcs.example.com", 10, 100, server.port(), "localhost.")
        .a("localhost", "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  private static List<String> discovered(String... command) {
    StandInDirectory server = SharedStandIn.get();
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of("--domain", "example.com", "--dns-server", dns.address(), "--start-tls",
        "--trust-store", server.certificateFile().toString(), "--bind-dn",
        SharedStandIn.READER_DN, "--bind-password-file",
        SharedStandIn.passwordFile("reader").toString(), "--timeout", "5"));
    return all;
  }

  @Test
  void getPasswordFindsTheDirectoryThroughSrvAndFailsOverInPriorityOrder() {
    int before = dns.queries();
    CliRun run = CliRun.of(discovered("get-password", "DISC-EAST", "--format", "json")
        .toArray(String[]::new));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("East-Pass-1"), run.out());
    assertTrue(dns.queries() > before, "the named DNS server was asked");
  }

  @Test
  void aDomainWithoutControllersIsUnreachable() {
    List<String> args = discovered("get-password", "DISC-EAST");
    args.set(args.indexOf("example.com"), "nowhere.example");
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(3, run.status(), run.err());
    assertEquals("lapsbridge: cannot find a domain controller of nowhere.example through DNS SRV"
        + " _ldap._tcp.dc._msdcs.nowhere.example (DNS server " + dns.address() + "): no such"
        + " name\n", run.err());
  }

  private static Path profiles() throws Exception {
    StandInDirectory server = SharedStandIn.get();
    String common = ".host=127.0.0.1\n%1$s.port=" + server.port() + "\n%1$s.security=start-tls\n"
        + "%1$s.trust-store=" + server.certificateFile() + "\n%1$s.bind-dn="
        + SharedStandIn.READER_DN + "\n%1$s.bind-password-file="
        + SharedStandIn.passwordFile("reader") + "\n";
    return Files.writeString(temp.resolve("profiles.properties"),
        "helpdesk.profiles=east, west\n"
            + ("east" + common).formatted("east") + "east.base-dn=" + east + "\n"
            + ("west" + common).formatted("west") + "west.base-dn=" + west + "\n");
  }

  @Test
  void aProfileOfSeveralDomainsFindsAComputerWithoutBeingToldItsDomain() throws Exception {
    Path file = profiles();
    CliRun found = CliRun.of("get-password", "DISC-EAST", "--config", file.toString(),
        "--profile", "helpdesk");
    assertEquals(0, found.status(), found.err());
    assertTrue(found.out().contains("East-Pass-1"), found.out());

    CliRun twin = CliRun.of("get-password", "DISC-TWIN", "--config", file.toString(),
        "--profile", "helpdesk");
    assertEquals(5, twin.status(), twin.err());
    assertEquals("lapsbridge: computer name 'DISC-TWIN' is ambiguous across domains; it matches"
        + " 'cn=DISC-TWIN," + east + "' (example.com) and 'cn=DISC-TWIN," + west
        + "' (example.com); give its distinguished name or DNS host name\n", twin.err());
    assertTrue(!twin.out().contains("Twin-"), "no password of either is shown");

    CliRun byDn = CliRun.of("get-password", "cn=DISC-TWIN," + west, "--config", file.toString(),
        "--profile", "helpdesk");
    assertEquals(0, byDn.status(), byDn.err());
    assertTrue(byDn.out().contains("Twin-West-1"), byDn.out());

    CliRun missing = CliRun.of("get-password", "DISC-NONE", "--config", file.toString(),
        "--profile", "helpdesk");
    assertEquals(5, missing.status(), missing.err());
    assertEquals("lapsbridge: computer 'DISC-NONE' not found in any of the 2 domains searched"
        + " (example.com, example.com)\n", missing.err());
  }

  @Test
  void inventoryCoversEveryDomainOfTheProfileInOneReport() throws Exception {
    CliRun run = CliRun.of("inventory", "--format", "csv", "--config", profiles().toString(),
        "--profile", "helpdesk");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("cn=DISC-EAST," + east), run.out());
    assertTrue(run.out().contains("cn=DISC-TWIN," + west), run.out());
    assertEquals("inventory: 3 computers\n", run.err());
  }
}
