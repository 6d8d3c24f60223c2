package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.embedded.SampleEstate;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.model.Secret;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's ACIs mirror AD's confidential attributes, and paging is not capped for ordinary
 * users. Raw LDAP here, the way ldapsearch would see it.
 */
class AccessControlIT {
  private static String ou;

  @BeforeAll
  static void estate() throws Exception {
    ou = SharedStandIn.organizationalUnit("AccessControlIT");
    SharedStandIn.computer(ou, "AC-LEGACY", "ms-Mcs-AdmPwd", "confidential-1",
        "ms-Mcs-AdmPwdExpirationTime", "134405568000000000");
  }

  private static SearchResultEntry readAs(String dn, String password) throws Exception {
    try (LDAPConnection connection = SharedStandIn.admin()) {
      connection.bind(dn, password);
      return connection.getEntry("cn=AC-LEGACY," + ou, "*");
    }
  }

  @Test
  void readersGroupSeesThePassword() throws Exception {
    SearchResultEntry entry = readAs(SharedStandIn.READER_DN, "reader-secret");
    assertEquals("confidential-1", entry.getAttributeValue("ms-Mcs-AdmPwd"));
  }

  @Test
  void ordinaryUserSeesTheComputerButNotThePassword() throws Exception {
    SearchResultEntry entry = readAs(SharedStandIn.USER_DN, "user-secret");
    assertNotNull(entry);
    assertEquals("AC-LEGACY", entry.getAttributeValue("cn"));
    assertEquals("134405568000000000", entry.getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));
    assertNull(entry.getAttributeValue("ms-Mcs-AdmPwd"));
    assertFalse(entry.hasAttribute("ms-Mcs-AdmPwd"));
  }

  @Test
  void pagedSearchReturnsMoreThanTheDefaultLimitToOrdinaryUsers() throws Exception {
    StandInDirectory server = SharedStandIn.get();
    String pagingOu = SharedStandIn.organizationalUnit("AccessControlIT-Paging");
    SampleEstate estate = new SampleEstate(SharedStandIn.BASE, new SplittableRandom(3), Clock.systemUTC());
    int count = 1_234;
    try (LDAPConnection admin = SharedStandIn.admin()) {
      estate.generate(count, computer -> {
        try {
          String dn = computer.dn().replace("ou=Workstations,ou=Computers,", "")
              .replace("ou=Servers,ou=Computers,", "").replace("," + SharedStandIn.BASE, "," + pagingOu);
          com.unboundid.ldap.sdk.Entry entry = new com.unboundid.ldap.sdk.Entry(dn);
          computer.attributes().forEach((name, values) -> entry.addAttribute(name, values.toArray(String[]::new)));
          admin.add(entry);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
    ConnectionSettings user = new ConnectionSettings("127.0.0.1", server.port(), TransportSecurity.START_TLS,
        SharedStandIn.USER_DN, Secret.of("user-secret"), server.certificateFile(), SharedStandIn.BASE, null);
    AtomicInteger seen = new AtomicInteger();
    AtomicInteger passwordsVisible = new AtomicInteger();
    try (LapsDirectory directory = LapsDirectory.open(user)) {
      directory.forEachComputer(pagingOu, record -> {
        seen.incrementAndGet();
        if (record.legacyPassword().isPresent() || record.windowsPassword().isPresent()) {
          passwordsVisible.incrementAndGet();
        }
      });
    }
    assertEquals(count, seen.get());
    assertEquals(0, passwordsVisible.get());
  }
}
