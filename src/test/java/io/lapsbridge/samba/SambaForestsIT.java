package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.lapsbridge.testsupport.DnsResponder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two forests in one profile (#15): the shared SAMBA.TEST on 127.0.0.1, reached with a kinit
 * ticket and DNS SRV, and OTHER.TEST on 127.0.0.2, with its own simple bind over LDAPS. A
 * helpdesk finds a computer without naming its forest; a name in both is ambiguous.
 */
class SambaForestsIT {
  @TempDir static Path files;
  private static SambaDc samba;
  private static SambaDc other;
  private static DnsResponder dns;
  private static Path profiles;
  private static Map<String, String> environment;
  private static String sambaOu;
  private static String otherOu;

  @BeforeAll
  static void forests() throws Exception {
    samba = SambaDc.shared();
    other = SambaDc.start(new SambaDc.Spec("127.0.0.2", "OTHER.TEST", "OTHER", "2016"));
    Cli extended = LapsSchema.extend(samba); // the shared forest's, once per run
    assertEquals(0, extended.status(), extended.transcript());
    Cli otherExtended = Cli.run(other.administrator().connect(other), "schema", "extend");
    assertEquals(0, otherExtended.status(), otherExtended.transcript());
    sambaOu = Forest.ou(samba, "ForestsIT");
    otherOu = Forest.ou(other, "ForestsIT");
    password(samba, Forest.computer(samba, "FOREST-A", sambaOu), "Forest-A-Pw-1");
    password(other, Forest.computer(other, "FOREST-B", otherOu), "Forest-B-Pw-1");
    password(samba, Forest.computer(samba, "FOREST-TWIN", sambaOu), "Twin-A-Pw-1");
    password(other, Forest.computer(other, "FOREST-TWIN", otherOu), "Twin-B-Pw-1");
    if (!samba.sambaTool("spn", "list", "DC1$").toLowerCase(java.util.Locale.ROOT)
        .contains("ldap/dc1.samba.test\n")) {
      samba.sambaTool("spn", "add", "ldap/dc1.samba.test", "DC1$"); // as a Windows DC has
    }
    dns = DnsResponder.start()
        .srv("_ldap._tcp.dc._msdcs.samba.test", 0, 100, 389, "dc1.samba.test.")
        .a("dc1.samba.test", samba.spec().host());
    Path cache = files.resolve("krb5cc");
    SambaKerberosLoginIT.kinit(samba, cache, "10h");
    environment = Map.of("KRB5CCNAME", "FILE:" + cache, "KRB5_CONFIG",
        samba.krb5Conf().toString());
    Account otherAdmin = other.administrator();
    profiles = Files.writeString(files.resolve("profiles.properties"),
        "helpdesk.profiles=samba, other\n"
            + "samba.kerberos=true\nsamba.domain=samba.test\nsamba.dns-server=" + dns.address()
            + "\nsamba.base-dn=" + sambaOu + "\nother.base-dn=" + otherOu + "\n"
            + "other.host=" + other.spec().host() + "\nother.security=ldaps\n"
            + "other.trust-store=" + other.certificate() + "\nother.bind-dn=" + otherAdmin.upn()
            + "\nother.bind-password-file=" + otherAdmin.passwordFile() + "\n");
  }

  @AfterAll
  static void stop() {
    if (dns != null) {
      dns.close();
    }
    if (other != null) {
      other.stop();
    }
  }

  private static void password(SambaDc dc, Account computer, String password) throws Exception {
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      admin.modify(computer.dn(), new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd",
          password), new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwdExpirationTime",
          "137023488000000000"));
    }
  }

  private static Cli helpdesk(String... command) {
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
        java.util.stream.Stream.of("--config", profiles.toString(), "--profile", "helpdesk"))
        .toArray(String[]::new);
    return Cli.runWith(environment, args);
  }

  @Test
  void aComputerIsFoundInWhicheverForestHoldsIt() {
    Cli a = helpdesk("get-password", "FOREST-A");
    assertEquals(0, a.status(), a.transcript());
    assertTrue(a.out().contains("Forest-A-Pw-1"), a.transcript());
    Cli b = helpdesk("get-password", "FOREST-B", "--format", "json");
    assertEquals(0, b.status(), b.transcript());
    assertTrue(b.out().contains("Forest-B-Pw-1"), b.transcript());
  }

  @Test
  void aNameInBothForestsIsAmbiguousAndListsBoth() {
    Cli twin = helpdesk("get-password", "FOREST-TWIN");
    assertEquals(5, twin.status(), twin.transcript());
    assertEquals("lapsbridge: computer name 'FOREST-TWIN' is ambiguous across domains; it"
        + " matches 'CN=FOREST-TWIN," + sambaOu + "' (samba.test) and 'CN=FOREST-TWIN," + otherOu
        + "' (other.test); give its distinguished name or DNS host name\n", twin.err());
    assertFalse(twin.out().contains("Twin-"), twin.transcript());
    Cli byDn = helpdesk("get-password", "CN=FOREST-TWIN," + otherOu);
    assertEquals(0, byDn.status(), byDn.transcript());
    assertTrue(byDn.out().contains("Twin-B-Pw-1"), byDn.transcript());
  }

  @Test
  void inventoryReportsBothForests() {
    Cli run = helpdesk("inventory", "--format", "csv");
    assertEquals(0, run.status(), run.transcript());
    assertTrue(run.out().contains("CN=FOREST-A," + sambaOu), run.transcript());
    assertTrue(run.out().contains("CN=FOREST-B," + otherOu), run.transcript());
  }
}
