package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.lapsbridge.embedded.ShippedLdif;
import io.lapsbridge.embedded.StandInConfig;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.gpo.PolEntry;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolWriter;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.policy.PolicyRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code doctor} against the stand-in: a healthy OU of the shared stand-in (schema, KDS keys,
 * SELF granted, unexpired passwords) has no problem and exits 0; an OU whose managed computers
 * may not write, long-expired and stale computers, and a policy whose principal does not resolve
 * are each found; a stand-in started without the LAPS schema and without KDS root keys gets a
 * problem from each of those checks, with its fix, and exits 1.
 */
class DoctorIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "S-1-5-21-1000000001-2000000002-3000000003";
  private static String healthy;
  private static String neglected;
  private static Path folder;

  @BeforeAll
  static void setUp() throws Exception {
    folder = Files.createTempDirectory("doctor-it");
    healthy = SharedStandIn.organizationalUnit("DoctorIT");
    neglected = SharedStandIn.organizationalUnit("DoctorNeglectedIT");
    for (String ou : List.of(healthy, neglected)) {
      try (LDAPConnection admin = SharedStandIn.admin()) {
        admin.add(new Entry("ou=Managed," + ou,
            new Attribute("objectClass", "top", "organizationalUnit", "extensibleObject"),
            new Attribute("ou", "Managed")));
      }
    }
    String future = ticks(Instant.now().plus(Duration.ofDays(20)));
    SharedStandIn.computer("ou=Managed," + healthy, "DOC-WS1", "ms-Mcs-AdmPwd", "Pw-1",
        "ms-Mcs-AdmPwdExpirationTime", future, "lastLogonTimestamp", ticks(Instant.now()));
    SharedStandIn.computer("ou=Managed," + healthy, "DOC-WS2", "ms-Mcs-AdmPwd", "Pw-2",
        "ms-Mcs-AdmPwdExpirationTime", future);
    CliRun grant = CliRun.of(SharedStandIn.args(SharedStandIn.connect("admin"), "permissions",
        "grant-self", "--ou", "ou=Managed," + healthy));
    assertEquals(0, grant.status(), grant.err());
    // No SELF grant here; one password expired 60 days ago, one computer gone for 200 days.
    String longAgo = ticks(Instant.now().minus(Duration.ofDays(60)));
    SharedStandIn.computer("ou=Managed," + neglected, "DOC-OLD", "ms-Mcs-AdmPwd", "Pw-3",
        "ms-Mcs-AdmPwdExpirationTime", longAgo,
        "lastLogonTimestamp", ticks(Instant.now().minus(Duration.ofDays(200))));
  }

  @AfterAll
  static void tearDown() throws Exception {
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String ticks(Instant when) {
    return Long.toString(FileTime.of(when).ticks());
  }

  private static CliRun doctor(String base, String... more) {
    List<String> args = new ArrayList<>(List.of("doctor", "--format", "json"));
    args.addAll(SharedStandIn.connect("admin"));
    args.addAll(List.of("--base-dn", base, "--ldaps-port",
        Integer.toString(SharedStandIn.get().ldapsPort())));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static List<JsonNode> rows(CliRun run) throws Exception {
    return StreamSupport.stream(JSON.readTree(run.out()).spliterator(), false).toList();
  }

  /** The findings of {@code check}, as "status subject: evidence | fix". */
  private static List<String> of(CliRun run, String check) throws Exception {
    return rows(run).stream().filter(r -> r.get("check").asText().equals(check))
        .map(r -> r.get("status").asText() + " " + r.get("subject").asText() + ": "
            + r.get("evidence").asText() + " | " + r.get("fix").asText())
        .toList();
  }

  @Test
  void aHealthyOuHasNoProblemAndExitsZero() throws Exception {
    CliRun run = doctor(healthy);
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(rows(run).stream().noneMatch(r -> r.get("status").asText().equals("problem")),
        run.out());
    assertEquals(List.of("ok legacy LAPS: 2 attributes present with the right OIDs and syntax,"
        + " allowed on the computer class | ", "ok windows LAPS: 7 attributes present with the"
        + " right OIDs and syntax, allowed on the computer class | "), of(run, "schema"));
    assertTrue(of(run, "kds-root-key").get(0).startsWith("ok CN=Master Root Keys,"),
        run.out());
    assertEquals(List.of("ok 1 container(s): computers may write their own LAPS attributes in"
        + " ou=Managed," + healthy + " | "), of(run, "self-permission"));
    assertEquals(List.of("ok default policy (no --policy or --gpo-backup given): the default,"
        + " Domain Admins of the domain (domain SID + RID 512) resolves to EXAMPLE\\Domain Admins"
        + " (" + DOMAIN + "-512) | "), of(run, "encryption-principal"));
    assertTrue(of(run, "ldaps").get(0).startsWith("ok 127.0.0.1:"), run.out());
    assertTrue(of(run, "start-tls").get(0).startsWith("ok 127.0.0.1:"), run.out());
    // ApacheDS takes a simple bind on plain LDAP: the probe's random DN got invalidCredentials.
    assertTrue(of(run, "ldap-signing").get(0).startsWith("warning 127.0.0.1:"), run.out());
    assertTrue(of(run, "ldap-signing").get(0).contains("got invalid credentials (49)"),
        run.out());
    assertTrue(run.err().endsWith("0 problems\n"), run.err());
  }

  @Test
  void computersThatMayNotWriteLongExpiredAndStaleComputersAreFound() throws Exception {
    CliRun run = doctor(neglected);
    assertEquals(1, run.status(), run.out() + run.err());
    assertEquals(List.of("problem ou=Managed," + neglected + ": 1 computer(s) here hold legacy"
        + " LAPS attributes, but legacy: SELF cannot write ms-Mcs-AdmPwdExpirationTime,"
        + " ms-Mcs-AdmPwd, so they cannot back up a new password | lapsbridge permissions"
        + " grant-self --ou 'ou=Managed," + neglected + "' --family legacy"),
        of(run, "self-permission"));
    assertTrue(of(run, "expired-passwords").get(0).startsWith("problem " + neglected + ": 1"
        + " (DOC-OLD) computer(s) with a password expired more than 30 days ago"), run.out());
    assertTrue(of(run, "stale-computers").get(0).startsWith("warning " + neglected + ": 1"
        + " (DOC-OLD) computer(s) have not logged on for more than 90 days"), run.out());
    assertEquals(1, doctor(neglected, "--stale-days", "300").status());
    assertTrue(of(doctor(neglected, "--stale-days", "300"), "stale-computers").get(0)
        .startsWith("ok "));
  }

  @Test
  void eachPolicysPrincipalIsResolvedBySid() throws Exception {
    String key = PolicyRoot.GPO.subKey();
    Path unknown = pol("unknown.pol", new RegistryPol(List.of(
        PolEntry.dword(key, "BackupDirectory", 2),
        PolEntry.dword(key, "ADPasswordEncryptionEnabled", 1),
        PolEntry.string(key, "ADPasswordEncryptionPrincipal", DOMAIN + "-9999"))));
    Path byName = pol("byname.pol", new RegistryPol(List.of(
        PolEntry.dword(key, "BackupDirectory", 2),
        PolEntry.string(key, "ADPasswordEncryptionPrincipal", "EXAMPLE\\LAPS Readers"))));
    Path backup = Files.createDirectories(folder.resolve("gpo/{1234}/DomainSysvol/GPO/Machine"));
    Files.write(backup.resolve("Registry.pol"), RegistryPolWriter.write(new RegistryPol(List.of(
        PolEntry.dword(key, "BackupDirectory", 2),
        PolEntry.dword(key, "ADPasswordEncryptionEnabled", 0)))));
    CliRun run = doctor(healthy, "--policy", unknown.toString(), "--policy", byName.toString(),
        "--gpo-backup", folder.resolve("gpo").toString());
    assertEquals(1, run.status(), run.out() + run.err());
    List<String> found = of(run, "encryption-principal");
    assertEquals(3, found.size(), run.out());
    assertTrue(found.get(0).startsWith("problem " + unknown + ": ADPasswordEncryptionPrincipal '"
        + DOMAIN + "-9999' does not resolve: principal '" + DOMAIN + "-9999': no object has this"
        + " objectSid"), found.get(0));
    assertEquals("ok " + byName + ": ADPasswordEncryptionPrincipal 'EXAMPLE\\LAPS Readers'"
        + " resolves to EXAMPLE\\LAPS Readers (" + DOMAIN + "-1105) | ", found.get(1));
    assertEquals("ok " + folder.resolve("gpo") + ": no encryption principal is used:"
        + " ADPasswordEncryptionEnabled=0: passwords are stored in clear text | ", found.get(2));
  }

  /**
   * An ordinary user cannot read the passwords: the estate is judged from the expiries, and
   * doctor says so rather than reporting the computers as fine or failing.
   */
  @Test
  void anOrdinaryUserGetsFindingsForWhatItCanRead() throws Exception {
    List<String> args = new ArrayList<>(List.of("doctor", "--format", "json"));
    args.addAll(SharedStandIn.connect("user"));
    args.addAll(List.of("--base-dn", healthy, "--ldaps-port",
        Integer.toString(SharedStandIn.get().ldapsPort())));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.status(), run.out() + run.err());
    assertEquals(List.of("warning " + healthy + ": 2 computer(s) hold a password this bind"
        + " cannot read; their state is judged from the expiry alone | run doctor as a principal"
        + " with read access (lapsbridge permissions grant-read)"),
        of(run, "estate-visibility"));
  }

  @Test
  void aDirectoryWithoutLapsSchemaAndKdsKeysGetsAProblemFromEachCheck() throws Exception {
    try (StandInDirectory bare = StandInDirectory.start(new StandInConfig("127.0.0.1", 0,
        ShippedLdif.BASE_DN, 0, ShippedLdif.schemaWithoutLaps(),
        ShippedLdif.data().subList(0, 1)))) {
      Path password = Files.writeString(folder.resolve("bare-admin"),
          StandInDirectory.ADMIN_PASSWORD, StandardCharsets.UTF_8);
      CliRun run = CliRun.of("doctor", "--format", "json", "--host", "127.0.0.1", "--port",
          Integer.toString(bare.port()), "--start-tls", "--trust-store",
          bare.certificateFile().toString(), "--bind-dn", StandInDirectory.ADMIN_DN,
          "--bind-password-file", password.toString(), "--ldaps-port",
          Integer.toString(bare.ldapsPort()));
      assertEquals(1, run.status(), run.out() + run.err());
      List<String> schema = of(run, "schema");
      assertEquals(2, schema.size(), run.out());
      assertTrue(schema.get(0).startsWith("problem legacy LAPS: the legacy LAPS attributes are"
          + " not in the schema"), schema.get(0));
      assertTrue(schema.get(0).endsWith("| lapsbridge schema extend --family legacy (as a"
          + " Schema Admin, on the schema master)"), schema.get(0));
      assertTrue(schema.get(1).endsWith("| lapsbridge schema extend --family windows (as a"
          + " Schema Admin, on the schema master)"), schema.get(1));
      List<String> kds = of(run, "kds-root-key");
      assertTrue(kds.get(0).startsWith("problem CN=Master Root Keys,CN=Group Key Distribution"
          + " Service,CN=Services,CN=Configuration,dc=example,dc=com: no KDS root key is"
          + " visible to this bind"), kds.get(0));
      assertTrue(kds.get(0).contains("| create one on a DC: Add-KdsRootKey"), kds.get(0));
    }
  }

  private static Path pol(String name, RegistryPol pol) throws Exception {
    return Files.write(folder.resolve(name), RegistryPolWriter.write(pol));
  }
}
