package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A computer given by FQDN on a real AD, where {@code dNSHostName} is often unset (#13 item 7):
 * the first label finds a computer without one, with a note; never one whose dNSHostName says
 * otherwise.
 */
class SambaLookupIT {
  private static SambaDc dc;
  private static String ou;

  @BeforeAll
  static void computers() throws Exception {
    dc = SambaDc.shared();
    assertEquals(0, LapsSchema.extend(dc).status(), LapsSchema.extend(dc).transcript());
    ou = Forest.ou(dc, "LookupIT");
    for (String name : new String[] {"LK-BARE", "LK-NAMED"}) {
      Account computer = Forest.computer(dc, name, ou);
      try (LDAPConnection admin = SambaLdap.admin(dc)) {
        admin.modify(computer.dn(), new Modification(ModificationType.REPLACE,
            "ms-Mcs-AdmPwdExpirationTime", "137023488000000000"));
      }
    }
    Forest.dnsHostName(dc, new Account("LK-NAMED$", "CN=LK-NAMED," + ou, null, dc.spec()),
        "lk-named.elsewhere.test");
  }

  @Test
  void anFqdnFindsAComputerWithoutDnsHostNameByItsFirstLabel() {
    Cli run = Cli.run(dc.administrator().connect(dc), "reset-password", "--dry-run",
        "lk-bare." + SambaDc.DNS_DOMAIN);
    assertEquals(0, run.status(), run.transcript());
    assertTrue(run.out().contains("LK-BARE"), run.transcript());
    assertEquals("lapsbridge: note: no computer has dNSHostName 'lk-bare.samba.test'; using"
        + " 'lk-bare' (CN=LK-BARE," + ou + "), which has no dNSHostName\n", run.err());
  }

  @Test
  void aComputerWhoseDnsHostNameDiffersIsNotTakenByItsLabel() {
    Cli run = Cli.run(dc.administrator().connect(dc), "reset-password", "--dry-run",
        "lk-named." + SambaDc.DNS_DOMAIN);
    assertEquals(5, run.status(), run.transcript());
    assertTrue(run.err().contains("not found"), run.transcript());
    Cli byItsName = Cli.run(dc.administrator().connect(dc), "reset-password", "--dry-run",
        "lk-named.elsewhere.test");
    assertEquals(0, byItsName.status(), byItsName.transcript());
  }
}
