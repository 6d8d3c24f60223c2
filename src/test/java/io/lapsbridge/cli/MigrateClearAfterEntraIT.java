package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.agent.AgentRuntime;
import io.lapsbridge.embedded.entra.EntraFixture;
import io.lapsbridge.embedded.entra.EntraFixture.Credential;
import io.lapsbridge.embedded.entra.EntraFixture.Device;
import io.lapsbridge.embedded.entra.EntraFixture.Encoding;
import io.lapsbridge.embedded.entra.GraphStandIn;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code afterEntraMove: clear} (#16) against the AD stand-in and the Graph stand-in, through the
 * real command line: the device whose Entra backup is newer loses its AD LAPS attributes, the
 * one whose Entra backup is older keeps them, and with Entra unreachable at apply time nothing
 * is cleared.
 */
class MigrateClearAfterEntraIT {
  private static final String TENANT = "contoso-migrate.example";
  private static final String APP = "0000000a-0000-0000-0000-0000000c1ea2";
  private static final String SECRET = "migrate-secret-Qx7_p";
  private static final String DOMAIN = "S-1-5-21-4101-4102-4103-";
  /** Set once in {@link #start}: the stand-ins' times and the plans' are all from it. */
  private static Instant NOW;
  private static final Duration DAY = Duration.ofDays(1);

  @TempDir static Path dir;
  private static GraphStandIn graph;
  private static Path secretFile;
  private static List<String> admin;

  @BeforeAll
  static void start() throws Exception {
    NOW = Instant.now();
    List<Device> devices = List.of(
        device("c1ea2000-0000-4000-8000-000000000001", "MOVED-1", DOMAIN + "7001",
            NOW.minus(DAY.multipliedBy(3))),
        device("c1ea2000-0000-4000-8000-000000000002", "CURRENT-1", DOMAIN + "7002",
            NOW.minus(DAY.multipliedBy(2))),
        device("c1ea2000-0000-4000-8000-000000000003", "MOVED-2", DOMAIN + "7003",
            NOW.minus(DAY.multipliedBy(3))));
    graph = GraphStandIn.start(new GraphStandIn.Config(TENANT, List.of(
        new EntraFixture.Application(APP, SECRET, null, EntraFixture.ALL)), null, devices, 0,
        1000, true));
    secretFile = dir.resolve("client.secret");
    Files.writeString(secretFile, SECRET + "\n");
    admin = SharedStandIn.connect("admin");
  }

  @AfterAll
  static void stop() {
    graph.close();
  }

  private static Device device(String deviceId, String name, String sid, Instant backup) {
    return new Device(deviceId, "o-" + name, name, sid, "ServerAd", null,
        backup.plus(DAY.multipliedBy(30)), List.of(new Credential("Administrator",
            DOMAIN + "500", backup, name + "-Entra-Pw1", Encoding.UTF_16LE)));
  }

  /** A hybrid computer with a Windows LAPS password in AD, written and expiring as given. */
  private static void computer(String ou, String name, String sid, Instant updated,
      Instant expires) throws Exception {
    String json;
    try (Secret password = Secret.of(name + "-Ad-Pw1")) {
      json = WindowsLapsPasswordJson.format(
          new WindowsLapsPasswordJson.Value("Administrator", FileTime.of(updated), password));
    }
    try (LDAPConnection c = SharedStandIn.admin()) {
      c.add(new Entry("cn=" + name + "," + ou,
          new Attribute("objectClass", "top", "user", "computer"), new Attribute("cn", name),
          new Attribute("sAMAccountName", name + "$"),
          new Attribute("objectSid", Sid.of(sid).toBytes()),
          new Attribute("msLAPS-Password", json),
          new Attribute("msLAPS-PasswordExpirationTime",
              FileTimeText.toDecimal(FileTime.of(expires)))));
    }
  }

  private static SearchResultEntry entry(String ou, String name) throws Exception {
    try (LDAPConnection c = SharedStandIn.admin()) {
      return c.getEntry("cn=" + name + "," + ou, "msLAPS-Password",
          "msLAPS-PasswordExpirationTime");
    }
  }

  private static CliRun run(String graphUrl, String... command) {
    List<String> line = new ArrayList<>(List.of(SharedStandIn.args(admin, command)));
    line.addAll(List.of("--tenant", TENANT, "--client-id", APP, "--client-secret-file",
        secretFile.toString(), "--graph-url", graphUrl, "--authority-url",
        graph.authorityUrl().toString(), "--graph-trust-store",
        graph.certificateFile().toString()));
    return CliRun.with(new CommandFactory(Map.of(), AgentRuntime.system()),
        line.toArray(String[]::new));
  }

  private static Path plan(String ou, String name) throws Exception {
    Path rules = dir.resolve(name + ".rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: moved-to-entra\n"
        + "    scope: {subtree: \"" + ou + "\"}\n    target: windows-cleartext\n"
        + "    forceRotation: false\n    afterEntraMove: clear\n", StandardCharsets.UTF_8);
    Path plan = dir.resolve(name + ".plan.json");
    CliRun planned = run(graph.graphUrl().toString(), "migrate", "plan", "--rules",
        rules.toString(), "--base-dn", ou, "--output", plan.toString());
    assertEquals(0, planned.status(), planned.out() + planned.err());
    return plan;
  }

  @Test
  void onlyTheDeviceWithTheNewerEntraBackupIsCleared() throws Exception {
    String ou = SharedStandIn.organizationalUnit("EntraMigIT");
    computer(ou, "MOVED-1", DOMAIN + "7001", NOW.minus(DAY.multipliedBy(40)),
        NOW.minus(DAY.multipliedBy(10)));
    computer(ou, "CURRENT-1", DOMAIN + "7002", NOW.minus(Duration.ofHours(1)),
        NOW.plus(DAY.multipliedBy(29)));
    Path plan = plan(ou, "cleared");
    String json = Files.readString(plan, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"kind\" : \"clear-ad-after-entra\""), json);
    assertTrue(json.contains("c1ea2000-0000-4000-8000-000000000001"), json);
    assertFalse(json.contains("c1ea2000-0000-4000-8000-000000000002"), json);

    CliRun applied = run(graph.graphUrl().toString(), "migrate", "apply", "--plan",
        plan.toString());
    assertEquals(0, applied.status(), applied.out() + applied.err());
    SearchResultEntry moved = entry(ou, "MOVED-1");
    assertFalse(moved.hasAttribute("msLAPS-Password"), moved.toLDIFString());
    assertFalse(moved.hasAttribute("msLAPS-PasswordExpirationTime"), moved.toLDIFString());
    SearchResultEntry current = entry(ou, "CURRENT-1");
    assertTrue(current.hasAttribute("msLAPS-Password"), current.toLDIFString());
    assertTrue(current.hasAttribute("msLAPS-PasswordExpirationTime"), current.toLDIFString());
    String journal = Files.readString(Path.of(plan + ".journal"), StandardCharsets.UTF_8);
    assertTrue(journal.contains("clear-ad-after-entra") || journal.contains("APPLIED")
        || journal.contains("applied"), journal);
    String everything = applied.out() + applied.err() + journal;
    assertFalse(everything.contains("MOVED-1-Ad-Pw1"), "no password printed");
    assertFalse(everything.contains("MOVED-1-Entra-Pw1"), "no password printed");
  }

  @Test
  void entraUnreachableAtApplyTimeClearsNothing() throws Exception {
    String ou = SharedStandIn.organizationalUnit("EntraMigDownIT");
    computer(ou, "MOVED-2", DOMAIN + "7003", NOW.minus(DAY.multipliedBy(40)),
        NOW.minus(DAY.multipliedBy(10)));
    Path plan = plan(ou, "unreachable");
    assertTrue(Files.readString(plan, StandardCharsets.UTF_8).contains("clear-ad-after-entra"));

    // Nothing listens on port 1: Graph cannot be reached when apply re-checks.
    CliRun applied = run("https://127.0.0.1:1/", "migrate", "apply", "--plan", plan.toString());
    assertNotEquals(0, applied.status(), applied.out() + applied.err());
    assertTrue((applied.out() + applied.err()).contains("AD left as it was"),
        applied.out() + applied.err());
    SearchResultEntry kept = entry(ou, "MOVED-2");
    assertTrue(kept.hasAttribute("msLAPS-Password"), kept.toLDIFString());
    assertTrue(kept.hasAttribute("msLAPS-PasswordExpirationTime"), kept.toLDIFString());

    // Resume once Entra answers: the failed action is retried and the AD copy cleared.
    CliRun resumed = run(graph.graphUrl().toString(), "migrate", "resume", "--journal",
        plan + ".journal");
    assertEquals(0, resumed.status(), resumed.out() + resumed.err());
    assertFalse(entry(ou, "MOVED-2").hasAttribute("msLAPS-Password"));
  }

  @Test
  void aClearRuleWithoutEntraOptionsIsAUsageErrorBeforeAnyPlan() throws Exception {
    String ou = SharedStandIn.organizationalUnit("EntraMigNoOptsIT");
    Path rules = dir.resolve("noopts.rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: moved-to-entra\n"
        + "    scope: {subtree: \"" + ou + "\"}\n    target: windows-cleartext\n"
        + "    afterEntraMove: clear\n", StandardCharsets.UTF_8);
    CliRun planned = CliRun.with(new CommandFactory(Map.of(), AgentRuntime.system()),
        SharedStandIn.args(admin, "migrate", "plan", "--rules", rules.toString()));
    assertEquals(2, planned.status(), planned.out() + planned.err());
    assertTrue(planned.err().contains("Entra ID needs a tenant"), planned.err());
    assertEquals("", planned.out());
  }
}
