package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.lapsbridge.model.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code doctor} against real Active Directory (Samba 4.22): the shared forest, after lapsbridge
 * extended its schema and granted SELF on an OU, has no problem in the schema, functional level,
 * KDS root key or SELF checks; a forest provisioned broken on purpose (domain functional level
 * 2008 R2, only the legacy schema, its KDS root key deleted, a managed computer in an OU without
 * the SELF grant) gets a problem from each of those checks, with the fix, and exit 1.
 */
class SambaDoctorIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SambaDc.Spec BROKEN =
      new SambaDc.Spec("127.0.0.3", "BROKEN.TEST", "BROKEN", "2008_R2");
  private static SambaDc shared;
  private static SambaDc broken;
  private static String healthyOu;
  private static String brokenOu;

  @BeforeAll
  static void forests() throws Exception {
    shared = SambaDc.shared();
    assertEquals(0, LapsSchema.extend(shared).status(), LapsSchema.extend(shared).transcript());
    healthyOu = Forest.ou(shared, "DoctorIT");
    managedComputer(shared, Forest.computer(shared, "DOC-OK", healthyOu));
    Cli grant = Cli.run(shared.administrator().connect(shared), "permissions", "grant-self",
        "--ou", healthyOu);
    assertEquals(0, grant.status(), grant.transcript());

    broken = SambaDc.start(BROKEN);
    System.out.println(broken.startLine());
    // Samba provisions a KDS root key; a forest without one is what is to be found.
    try (LDAPConnection admin = SambaLdap.admin(broken)) {
      for (SearchResultEntry key : admin.search("CN=Master Root Keys,CN=Group Key Distribution"
          + " Service,CN=Services,CN=Configuration," + BROKEN.base(), SearchScope.ONE,
          "(objectClass=msKds-ProvRootKey)", "cn").getSearchEntries()) {
        broken.sambaTool("domain", "kds", "root-key", "delete",
            "--name=" + key.getAttributeValue("cn"));
      }
    }
    Cli legacyOnly = Cli.run(broken.administrator().connect(broken), "schema", "extend",
        "--family", "legacy");
    assertEquals(0, legacyOnly.status(), legacyOnly.transcript());
    brokenOu = Forest.ou(broken, "Workstations");
    managedComputer(broken, Forest.computer(broken, "BRK-WS1", brokenOu));
  }

  @AfterAll
  static void stop() {
    if (broken != null) {
      broken.stop();
    }
  }

  /** A computer as a legacy LAPS client leaves it: a password expiring in the future. */
  private static void managedComputer(SambaDc dc, Account computer) throws Exception {
    String future = Long.toString(FileTime.of(Instant.now().plus(Duration.ofDays(20))).ticks());
    try (LDAPConnection admin = SambaLdap.admin(dc)) {
      admin.modify(computer.dn(), new Modification(ModificationType.REPLACE,
          "ms-Mcs-AdmPwd", "Pw-" + SambaDc.randomHex(8)), new Modification(
          ModificationType.REPLACE, "ms-Mcs-AdmPwdExpirationTime", future));
    }
  }

  private static Cli doctor(SambaDc dc, String... more) {
    List<String> args = new ArrayList<>(List.of("doctor", "--format", "json"));
    args.addAll(dc.administrator().connect(dc));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  /** The findings of {@code check}, as "status subject: evidence | fix". */
  private static List<String> of(Cli run, String check) throws Exception {
    return StreamSupport.stream(JSON.readTree(run.out()).spliterator(), false)
        .filter(r -> r.get("check").asText().equals(check))
        .map(SambaDoctorIT::line).toList();
  }

  private static String line(JsonNode r) {
    return r.get("status").asText() + " " + r.get("subject").asText() + ": "
        + r.get("evidence").asText() + " | " + r.get("fix").asText();
  }

  private static void allOk(Cli run, String check) throws Exception {
    List<String> found = of(run, check);
    assertTrue(!found.isEmpty() && found.stream().allMatch(f -> f.startsWith("ok ")),
        check + ": " + found + "\n" + run.transcript());
  }

  @Test
  void theHealthyForestHasNoProblemInSchemaLevelKdsOrSelf() throws Exception {
    Cli run = doctor(shared, "--base-dn", healthyOu);
    allOk(run, "schema");
    allOk(run, "functional-level");
    allOk(run, "kds-root-key");
    allOk(run, "self-permission");
    allOk(run, "encryption-principal");
    assertTrue(of(run, "functional-level").get(0).startsWith("ok domain: domain functional"
        + " level 7 (Windows Server 2016)"), run.out());
    // Samba refuses simple binds without TLS, as a DC requiring LDAP signing does.
    assertTrue(of(run, "ldap-signing").get(0).startsWith("ok 127.0.0.1:389: required: a simple"
        + " bind over plain LDAP on port 389 with a random DN and throwaway password got"
        + " strong auth required (8)"), run.transcript());
    assertEquals("ok " + healthyOu + ": 1 of 1 computer(s) hold a LAPS password or expiry;"
        + " none is expired | ", of(run, "expired-passwords").get(0));
    assertEquals(List.of(), of(run, "estate-visibility"), run.out());
  }

  @Test
  void eachDeliberateBreakIsFoundWithItsFix() throws Exception {
    Cli run = doctor(broken);
    assertEquals(1, run.status(), run.transcript());
    assertEquals(List.of("ok legacy LAPS: 2 attributes present with the right OIDs and syntax,"
        + " allowed on the computer class, passwords confidential | "),
        of(run, "schema").subList(0, 1));
    assertTrue(of(run, "schema").get(1).startsWith("problem windows LAPS: the windows LAPS"
        + " attributes are not in the schema"), run.out());
    assertTrue(of(run, "schema").get(1).endsWith("| lapsbridge schema extend --family windows"
        + " (as a Schema Admin, on the schema master)"), run.out());
    String level = of(run, "functional-level").get(0);
    assertTrue(level.startsWith("problem domain: domain functional level 4 (Windows Server 2008"
        + " R2)"), level);
    assertTrue(level.contains("| raise the domain (and forest) functional level to 2016"), level);
    assertTrue(of(run, "dc-dsrm").get(0).startsWith("warning dc1.broken.test: DC functional"
        + " level 4 (Windows Server 2008 R2)"), run.out());
    String kds = of(run, "kds-root-key").get(0);
    assertTrue(kds.startsWith("problem CN=Master Root Keys,CN=Group Key Distribution Service,"
        + "CN=Services,CN=Configuration," + BROKEN.base() + ": no KDS root key is visible"), kds);
    assertTrue(kds.contains("| create one on a DC: Add-KdsRootKey -EffectiveImmediately"), kds);
    assertEquals(List.of("problem " + brokenOu + ": 1 computer(s) here hold legacy LAPS"
        + " attributes, but legacy: SELF cannot write ms-Mcs-AdmPwdExpirationTime, ms-Mcs-AdmPwd,"
        + " so they cannot back up a new password | lapsbridge permissions grant-self --ou '"
        + brokenOu + "' --family legacy"), of(run, "self-permission").stream()
        .filter(f -> f.startsWith("problem")).toList());
  }
}
