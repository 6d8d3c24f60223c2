package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.lapsbridge.testsupport.DnsResponder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15's "done when": get-password and inventory on a real AD with {@code --domain} and a
 * ticket from MIT {@code kinit}: no {@code --host}, no password file. The DC is found through
 * DNS SRV answered by a resolver the test runs; the bind is GSSAPI from a FILE: cache, sealed
 * over plain LDAP (Samba requires signing, as Windows Server 2025 does) and with TLS channel
 * bindings over LDAPS. An expired ticket and a DC name without an SPN give their reasons.
 */
class SambaKerberosLoginIT {
  private static final String PASSWORD = "Kerb-Legacy-Pw-1";
  @TempDir static Path files;
  private static SambaDc dc;
  private static DnsResponder dns;
  private static Path cache;
  private static String ou;

  @BeforeAll
  static void forest() throws Exception {
    dc = SambaDc.shared();
    assertEquals(0, LapsSchema.extend(dc).status(), LapsSchema.extend(dc).transcript());
    ou = Forest.ou(dc, "KerberosLoginIT");
    Account computer = Forest.computer(dc, "KRB-LOGIN", ou);
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      admin.modify(computer.dn(), new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd",
          PASSWORD), new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwdExpirationTime",
          "137023488000000000"));
    }
    // Windows registers ldap/<DC's DNS name> on the DC's account; Samba 4.22's provisioning
    // registers HOST/ only, so the test adds what a real DC has.
    if (!dc.sambaTool("spn", "list", "DC1$").toLowerCase(java.util.Locale.ROOT)
        .contains("ldap/dc1.samba.test\n")) {
      dc.sambaTool("spn", "add", "ldap/dc1.samba.test", "DC1$");
    }
    dns = DnsResponder.start()
        .srv("_ldap._tcp.dc._msdcs." + SambaDc.DNS_DOMAIN, 0, 100, 389, "dc1.samba.test.")
        .a("dc1.samba.test", SambaDc.HOST)
        .srv("_ldap._tcp.dc._msdcs.wrong-spn.test", 0, 100, 389, "nospn.samba.test.")
        .a("nospn.samba.test", SambaDc.HOST);
    cache = files.resolve("krb5cc_admin");
    kinit(dc, cache, "10h");
  }

  @AfterAll
  static void stop() {
    if (dns != null) {
      dns.close();
    }
  }

  /** MIT kinit as {@code dc}'s Administrator into a FILE: cache, the password on stdin. */
  static void kinit(SambaDc dc, Path into, String lifetime)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Tools.binary("kinit").orElseThrow().toString(),
        "-c", "FILE:" + into, "-l", lifetime, "Administrator@" + dc.spec().realm())
        .redirectErrorStream(true);
    builder.environment().put("KRB5_CONFIG", dc.krb5Conf().toString());
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write((dc.adminPassword() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
        "kinit failed: " + output);
  }

  private static Map<String, String> environment(Path ticketCache) {
    return Map.of("KRB5CCNAME", "FILE:" + ticketCache, "KRB5_CONFIG", dc.krb5Conf().toString());
  }

  private static Cli run(Path ticketCache, String domain, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--kerberos", "--domain", domain, "--dns-server", dns.address(),
        "--timeout", "10"));
    return Cli.runWith(environment(ticketCache), args.toArray(String[]::new));
  }

  @Test
  void getPasswordWithADomainAndAKinitTicketNeedsNoHostAndNoPassword() {
    Cli run = run(cache, SambaDc.DNS_DOMAIN, "get-password", "KRB-LOGIN");
    assertEquals(0, run.status(), run.transcript());
    assertTrue(run.out().contains("Password            : " + PASSWORD), run.transcript());
    assertEquals("", run.err(), "sealed by Kerberos: no cleartext warning");
  }

  @Test
  void inventoryWithADomainAndAKinitTicket() {
    // Under this class's OU: other classes leave computers whose state exits 1 (unreadable).
    Cli run = run(cache, SambaDc.DNS_DOMAIN, "inventory", "--format", "csv", "--base-dn", ou);
    assertEquals(0, run.status(), run.transcript());
    assertTrue(run.out().contains("CN=KRB-LOGIN," + ou), run.transcript());
  }

  /** The third command of #15's "done when": doctor, found by SRV and bound by the ticket. */
  @Test
  void doctorWithADomainAndAKinitTicket() {
    Cli run = run(cache, SambaDc.DNS_DOMAIN, "doctor", "--format", "csv", "--trust-store",
        dc.certificate().toString());
    // 1: other classes' OUs lack the SELF grant; what matters here is that every check
    // reached the DC it found, by the name it found.
    assertEquals(1, run.status(), run.transcript());
    for (String check : List.of("schema", "functional-level", "kds-root-key", "ldaps",
        "start-tls", "ldap-signing")) {
      assertTrue(run.out().lines().anyMatch(l -> l.startsWith(check + ",ok,")),
          check + " ok: " + run.transcript());
    }
  }

  @Test
  void overLdapsTheKerberosBindCarriesChannelBindings() {
    Cli run = Cli.runWith(environment(cache), "get-password", "KRB-LOGIN", "--kerberos",
        "--host", SambaDc.HOST, "--ldaps", "--trust-store", dc.certificate().toString());
    assertEquals(0, run.status(), run.transcript());
    assertTrue(run.out().contains(PASSWORD), run.transcript());
  }

  @Test
  void aSimpleBindInClearIsRefusedWithWhatToUseInstead() {
    Account admin = dc.administrator();
    Cli run = Cli.run("get-password", "KRB-LOGIN", "--host", SambaDc.HOST, "--insecure",
        "--bind-dn", admin.upn(), "--bind-password-file", admin.passwordFile().toString());
    assertEquals(3, run.status(), run.transcript());
    assertTrue(run.err().contains("strongerAuthRequired") || run.err().contains("strong"),
        run.transcript());
    assertTrue(run.err().endsWith("; the server requires LDAP signing or TLS and refuses a"
        + " simple bind in clear text: bind with --kerberos (signed and sealed), or use --ldaps"
        + " or --start-tls\n"), run.transcript());
    assertFalse(run.transcript().contains(dc.adminPassword()));
  }

  @Test
  void aDcNameWithoutSpnSaysSo() {
    Cli run = run(cache, "wrong-spn.test", "get-password", "KRB-LOGIN");
    assertEquals(3, run.status(), run.transcript());
    assertTrue(run.err().contains("Kerberos: the KDC does not know the service principal"
        + " ldap/nospn.samba.test, no SPN for that DC name"), run.transcript());
  }

  @Test
  void anExpiredTicketSaysSoAndWhenItEnded() throws Exception {
    Path shortLived = files.resolve("krb5cc_short");
    kinit(dc, shortLived, "3s");
    Thread.sleep(Duration.ofSeconds(5).toMillis());
    Cli run = run(shortLived, SambaDc.DNS_DOMAIN, "get-password", "KRB-LOGIN");
    assertEquals(3, run.status(), run.transcript());
    assertTrue(run.err().startsWith("lapsbridge: cannot bind as 'the ticket cache's principal'"
        + " (GSSAPI) to a domain controller of samba.test: Kerberos: the ticket of"
        + " Administrator@SAMBA.TEST in FILE:" + shortLived + " expired at "),
        run.transcript());
    assertTrue(run.err().endsWith(" (renew it with kinit Administrator@SAMBA.TEST)\n"),
        run.transcript());
  }

  @Test
  void aMissingTicketCacheSaysToRunKinit() {
    Path none = files.resolve("krb5cc_none");
    Cli run = run(none, SambaDc.DNS_DOMAIN, "inventory");
    assertEquals(3, run.status(), run.transcript());
    assertTrue(run.err().contains("Kerberos: no ticket cache at FILE:" + none), run.transcript());
  }

  @Test
  void aKcmCacheIsRefusedWithTheCommandsToRun() {
    Cli run = Cli.runWith(Map.of("KRB5CCNAME", "KCM:0", "KRB5_CONFIG",
        dc.krb5Conf().toString()), "inventory", "--kerberos", "--domain", "samba.test");
    assertEquals(2, run.status(), run.transcript());
    assertTrue(run.err().startsWith("lapsbridge: usage: the Kerberos ticket cache is KCM:0"
        + " (KRB5CCNAME), a KCM: cache that Java cannot read"), run.transcript());
    assertTrue(Files.notExists(files.resolve("none")));
  }
}
