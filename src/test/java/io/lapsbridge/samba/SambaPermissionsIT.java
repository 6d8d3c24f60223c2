package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code permissions audit} on real descriptors (#13 item 2): AD writes the computer class's
 * default ACEs on every computer with CREATOR OWNER replaced by the owner's SID, and computers
 * sit in containers such as {@code CN=Computers} as well as in OUs.
 */
class SambaPermissionsIT {
  private static final String FAR = "137023488000000000";
  private static SambaDc dc;
  private static String ou;
  private static Account special;
  private static Account reader;

  @BeforeAll
  static void estate() throws Exception {
    dc = SambaDc.shared();
    assertEquals(0, LapsSchema.extend(dc).status(), LapsSchema.extend(dc).transcript());
    ou = Forest.ou(dc, "PermissionsIT");
    Account encrypted = Forest.computer(dc, "PM-ENC", ou);
    Forest.computer(dc, "PM-PLAIN", ou);
    special = Forest.computer(dc, "PM-SPECIAL", ou);
    reader = Forest.user(dc, "pm-reader", ou);
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      admin.modify(encrypted.dn(), new Modification(ModificationType.REPLACE,
          "msLAPS-EncryptedPassword", new byte[] {1, 2, 3, 4}), new Modification(
          ModificationType.REPLACE, "msLAPS-PasswordExpirationTime", FAR));
    }
    // A computer in the default CN=Computers container, not in an OU, as joins put them.
    Forest.computer(dc, "PM-DEFAULT", "CN=Computers," + SambaDc.BASE);
  }

  /** A container holding computers gets a row of its own. */
  @Test
  void theAuditReportsTheComputersContainer() {
    Cli audit = Cli.run(dc.administrator().connect(dc), "permissions", "audit");
    assertEquals(0, audit.status(), audit.transcript());
    assertTrue(audit.out().lines().anyMatch(l -> l.startsWith("CN=Computers," + SambaDc.BASE
        + "\tcontainer\t")), audit.out());
  }

  /**
   * AD replaces CREATOR OWNER ACEs with the owner's SID, so no computer equals its class default
   * byte for byte; only explicit, non-default ACEs list a computer, and then it is listed.
   */
  @Test
  void onlyComputersWithAcesOfTheirOwnAreListed() {
    Cli grant = Cli.run(dc.administrator().connect(dc), "permissions", "grant-read", "--ou",
        special.dn(), "--family", "legacy", "--principal",
        SambaDc.NETBIOS + "\\" + reader.name());
    assertEquals(0, grant.status(), grant.transcript());
    Cli audit = Cli.run(dc.administrator().connect(dc), "permissions", "audit", "--base-dn",
        ou);
    assertEquals(0, audit.status(), audit.transcript());
    assertTrue(audit.out().lines().anyMatch(l -> l.startsWith(ou + "\tou\t")), audit.out());
    assertEquals(List.of(special.dn()), audit.out().lines()
        .filter(l -> l.contains("\tcomputer\t")).map(l -> l.substring(0, l.indexOf('\t')))
        .distinct().toList(), audit.out());
  }
}
