package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inventory, {@code migrate plan}/{@code apply} and {@code permissions audit} on a small estate
 * in a real AD, as Administrator and as a user who cannot read passwords (#13 item 1: such a
 * bind sees expiries without passwords and must not report or plan from that view).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SambaMigrationIT {
  private static final String FAR = "137023488000000000";
  private static final List<String> LEGACY = List.of("MG-LEG1", "MG-LEG2");
  @TempDir static Path files;
  private static SambaDc dc;
  private static String ou;
  private static Account user;
  private static Account reader;
  private static Path rules;

  @BeforeAll
  static void estate() throws Exception {
    dc = SambaDc.shared();
    assertEquals(0, LapsSchema.extend(dc).status(), LapsSchema.extend(dc).transcript());
    ou = Forest.ou(dc, "MigrationIT");
    user = Forest.user(dc, "mg-user", ou);
    reader = Forest.user(dc, "mg-reader", ou);
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      for (String name : LEGACY) {
        Account computer = Forest.computer(dc, name, ou);
        admin.modify(computer.dn(), new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd",
            name + "-pw-" + SambaDc.randomHex(3)), new Modification(ModificationType.REPLACE,
            "ms-Mcs-AdmPwdExpirationTime", FAR));
      }
      Account windows = Forest.computer(dc, "MG-WIN", ou);
      admin.modify(windows.dn(), new Modification(ModificationType.REPLACE, "msLAPS-Password",
          "{\"n\":\"Administrator\",\"t\":\"1d8e5e1b5b8a000\",\"p\":\"Win-pw\"}"),
          new Modification(ModificationType.REPLACE, "msLAPS-PasswordExpirationTime", FAR));
    }
    rules = files.resolve("rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: mirror-all\n    scope: {subtree: \""
        + ou + "\"}\n    target: side-by-side\n    mirror: true\n", StandardCharsets.UTF_8);
  }

  private static Cli as(Account who, String... args) {
    return Cli.run(who.connect(dc), args);
  }

  @Test
  @Order(1)
  void inventoryAsAdministratorSeesTheEstate() {
    Cli run = as(dc.administrator(), "inventory", "--base-dn", ou, "--format", "json");
    assertEquals(0, run.status(), run.transcript());
    assertTrue(run.out().contains("\"legacy-only\" : 2"), run.out());
    assertTrue(run.out().contains("\"windows-cleartext\" : 1"), run.out());
    assertFalse(run.out().contains("-pw-"), "no password in an inventory");
  }

  @Test
  @Order(2)
  void aBindThatCannotReadPasswordsIsToldSoAndPlansNothing() throws Exception {
    Cli inventory = as(user, "inventory", "--base-dn", ou, "--format", "json");
    assertEquals(1, inventory.status(), inventory.transcript());
    assertTrue(inventory.out().contains("\"unreadable\" : 3"), inventory.out());
    assertTrue(inventory.err().contains("3 computer(s) hold a LAPS password this bind cannot"
        + " read"), inventory.transcript());

    Cli plan = as(user, "migrate", "plan", "--rules", rules.toString(), "--base-dn", ou);
    assertEquals(5, plan.status(), plan.transcript());
    assertTrue(plan.err().contains("access denied: the bind cannot read"), plan.transcript());
  }

  @Test
  @Order(3)
  void planAndApplyMirrorTheLegacyPasswordsAndRefuseABindThatCannotRead() throws Exception {
    Path planFile = files.resolve("plan.json");
    Cli plan = as(dc.administrator(), "migrate", "plan", "--rules", rules.toString(),
        "--base-dn", ou, "--output", planFile.toString());
    assertEquals(0, plan.status(), plan.transcript());
    assertTrue(plan.out().contains("Actions: 2"), plan.out());

    Cli denied = as(user, "migrate", "apply", "--plan", planFile.toString(), "--journal",
        files.resolve("denied.journal").toString());
    assertEquals(5, denied.status(), denied.transcript());
    assertFalse(denied.out().contains("stale"), denied.transcript());

    Cli apply = as(dc.administrator(), "migrate", "apply", "--plan", planFile.toString(),
        "--journal", files.resolve("plan.journal").toString());
    assertEquals(0, apply.status(), apply.transcript());
    for (String name : LEGACY) {
      Entry entry = entry(name);
      assertTrue(entry.getAttributeValue("msLAPS-Password").contains(
          entry.getAttributeValue("ms-Mcs-AdmPwd")), name + " mirrored");
    }
    Cli replan = as(dc.administrator(), "migrate", "plan", "--rules", rules.toString(),
        "--base-dn", ou);
    assertEquals(0, replan.status(), replan.transcript());
    assertTrue(replan.out().contains("Actions: none"), replan.out());
  }

  @Test
  @Order(4)
  void auditNamesTheGrantedReader() {
    Cli grant = as(dc.administrator(), "permissions", "grant-read", "--ou", ou, "--principal",
        reader.upn());
    assertEquals(0, grant.status(), grant.transcript());
    Cli audit = as(dc.administrator(), "permissions", "audit", "--base-dn", ou);
    assertEquals(0, audit.status(), audit.transcript());
    assertTrue(audit.out().lines().anyMatch(l -> l.startsWith(ou + "\tou\t")
        && l.contains("mg-reader") && l.contains("\tread\t")), audit.out());

    Cli readerInventory = as(reader, "inventory", "--base-dn", ou, "--format", "json");
    assertEquals(0, readerInventory.status(), readerInventory.transcript());
  }

  private static Entry entry(String name) throws Exception {
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      return admin.getEntry("CN=" + name + "," + ou, "*");
    }
  }
}
