package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.agent.AgentRuntime;
import io.lapsbridge.embedded.entra.EntraFixture;
import io.lapsbridge.embedded.entra.EntraFixture.Credential;
import io.lapsbridge.embedded.entra.EntraFixture.Device;
import io.lapsbridge.embedded.entra.EntraFixture.Encoding;
import io.lapsbridge.embedded.entra.GraphStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * get-password, inventory and reset-password with {@code --directory entra} against the Graph
 * stand-in, through the real command line: output, exit codes, permission messages, and no
 * secret in anything printed.
 */
class EntraCommandsTest {
  static final String TENANT = "contoso-cli.example";
  static final String FULL = "0000000a-0000-0000-0000-00000000f011";
  static final String BASIC = "0000000a-0000-0000-0000-0000000ba51c";
  static final String NONE = "0000000a-0000-0000-0000-00000000000e";
  static final String SECRET = "cli-secret-Vv8_q";
  static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  static final String WS1 = "aaaaaaaa-1111-1111-1111-111111111111";
  static final String WS2 = "aaaaaaaa-2222-2222-2222-222222222222";
  static final String BYOD = "aaaaaaaa-4444-4444-4444-444444444444";
  static final String CURRENT = "Cur-9!kQ2#zz";
  static final String OLDER = "Old-3$pW7@yy";
  static final String UTF8 = "Utf8-Pa55word";

  static GraphStandIn standIn;
  @TempDir static Path dir;
  static Path secretFile;

  @BeforeAll
  static void start() throws Exception {
    String sid = "S-1-5-21-1-2-3-";
    List<Device> devices = new ArrayList<>(List.of(
        new Device(WS1, "o1", "CLOUD-01", null, "AzureAd", "m-1", NOW.plus(Duration.ofDays(29)),
            List.of(new Credential("LapsAdmin", sid + "1001", NOW.minus(Duration.ofDays(1)),
                    CURRENT, Encoding.UTF_16LE),
                new Credential("Administrator", sid + "500", NOW.minus(Duration.ofDays(31)),
                    OLDER, Encoding.UTF_16LE))),
        new Device(WS2, "o2", "CLOUD-02", null, "AzureAd", "m-2", NOW.plus(Duration.ofDays(9)),
            List.of(new Credential("LapsAdmin", sid + "1002", NOW.minus(Duration.ofDays(3)),
                UTF8, Encoding.UTF_8))),
        new Device(BYOD, "o4", "BYOD-04", null, "Workplace", null, NOW.plus(Duration.ofDays(9)),
            List.of(new Credential("LapsAdmin", sid + "1004", NOW.minus(Duration.ofDays(3)),
                "byod-Secret-1", Encoding.UTF_16LE))),
        new Device("aaaaaaaa-5555-5555-5555-555555555555", "o5", "KIOSK", null, "AzureAd", null,
            null, List.of(new Credential("LapsAdmin", sid + "1005", NOW, "k1-Secret", Encoding.UTF_8))),
        new Device("aaaaaaaa-6666-6666-6666-666666666666", "o6", "KIOSK", null, "AzureAd", null,
            null, List.of(new Credential("LapsAdmin", sid + "1006", NOW, "k2-Secret", Encoding.UTF_8)))));
    standIn = GraphStandIn.start(new GraphStandIn.Config(TENANT, List.of(
        new EntraFixture.Application(FULL, SECRET, null, EntraFixture.ALL),
        new EntraFixture.Application(BASIC, SECRET, null, Set.of(EntraFixture.READ_BASIC)),
        new EntraFixture.Application(NONE, SECRET, null, Set.of())), null, devices, 2500, 1000,
        true));
    secretFile = dir.resolve("client.secret");
    Files.writeString(secretFile, SECRET + "\n");
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  static CliRun run(String client, String... args) {
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(List.of("--tenant", TENANT, "--client-id", client, "--client-secret-file",
        secretFile.toString(), "--graph-url", standIn.graphUrl().toString(), "--authority-url",
        standIn.authorityUrl().toString(), "--graph-trust-store",
        standIn.certificateFile().toString()));
    return CliRun.with(new CommandFactory(Map.of(), AgentRuntime.system()),
        line.toArray(String[]::new));
  }

  @Test
  void getPasswordByNameShowsTheNewestWithEntraAsSource() {
    CliRun run = run(FULL, "get-password", "--directory", "entra", "CLOUD-01");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("Password            : " + CURRENT), run.out());
    assertTrue(run.out().contains("Source              : EntraIdPassword"), run.out());
    assertTrue(run.out().contains("DeviceId            : " + WS1), run.out());
    assertTrue(run.out().contains("PasswordEncoding    : UTF-16LE"), run.out());
    assertTrue(run.out().contains("AccountSid          : S-1-5-21-1-2-3-1001"), run.out());
    assertFalse(run.out().contains(OLDER), "history only with --history");
  }

  @Test
  void historyInJsonListsBothAccountsNewestFirst() throws IOException {
    CliRun run = run(FULL, "get-password", "--directory", "entra", WS1, "--history", "--format",
        "json");
    assertEquals(0, run.status(), run.err());
    var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertEquals(2, rows.size());
    assertEquals(CURRENT, rows.get(0).get("password").asText());
    assertEquals("EntraIdPassword", rows.get(0).get("source").asText());
    assertEquals(OLDER, rows.get(1).get("password").asText());
    assertEquals("Administrator", rows.get(1).get("account").asText());
    assertEquals("EntraIdPasswordHistory", rows.get(1).get("source").asText());
    assertTrue(rows.get(1).get("expiration").isNull());
  }

  @Test
  void utf8IsDetectedAndSaid() {
    CliRun run = run(FULL, "get-password", "--directory", "entra", "CLOUD-02", "--format", "csv");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("," + UTF8 + ","), run.out());
    assertTrue(run.out().contains("UTF-8"), run.out());
  }

  @Test
  void severalDevicesWithOneNameAreAnErrorListingThem() {
    CliRun run = run(FULL, "get-password", "--directory", "entra", "KIOSK");
    assertEquals(5, run.status());
    assertTrue(run.err().startsWith("lapsbridge: Entra ID: 2 devices named 'KIOSK' have"
        + " passwords in Entra ID: aaaaaaaa-5555-5555-5555-555555555555 (last backup "), run.err());
    assertTrue(run.err().contains("aaaaaaaa-6666-6666-6666-666666666666"), run.err());
    assertTrue(run.err().contains("give the deviceId"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void readBasicShowsMetadataAndNamesThePermission() {
    CliRun run = run(BASIC, "get-password", "--directory", "entra", "CLOUD-01");
    assertEquals(5, run.status());
    assertTrue(run.out().contains("DeviceId            : " + WS1), run.out());
    assertTrue(run.out().contains("Note                : metadata only: reading passwords needs"
        + " the application permission DeviceLocalCredential.Read.All;"
        + " DeviceLocalCredential.ReadBasic.All gives metadata only"), run.out());
    assertFalse(run.out().contains(CURRENT));
    assertFalse(run.err().toLowerCase(java.util.Locale.ROOT).contains("no password"), run.err());
  }

  @Test
  void noPermissionNamesBothPermissions() {
    CliRun run = run(NONE, "get-password", "--directory", "entra", WS1);
    assertEquals(5, run.status());
    assertTrue(run.err().contains("access denied: reading Entra ID device credentials needs the"
        + " application permission DeviceLocalCredential.ReadBasic.All (metadata) or"
        + " DeviceLocalCredential.Read.All (passwords)"), run.err());
  }

  @Test
  void aDeviceWithoutBackupIsNotFound() {
    CliRun run = run(FULL, "get-password", "--directory", "entra", "NO-SUCH-PC");
    assertEquals(5, run.status());
    assertEquals("lapsbridge: Entra ID: no device named 'NO-SUCH-PC' has a password backed up in"
        + " Entra ID\n", run.err());
  }

  @Test
  void inventoryStreamsEveryPage() throws IOException {
    CliRun run = run(FULL, "inventory", "--directory", "entra", "--format", "json");
    assertEquals(0, run.status(), run.err());
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
    assertEquals(2505, doc.get("devices").size());
    assertEquals(2505, doc.get("summary").get("devices").asLong());
    assertEquals(3, doc.get("summary").get("pages").asInt());
    assertTrue(run.err().contains("2505 Entra ID device(s) with a backed-up password, 3 page(s)"),
        run.err());
    for (String secret : List.of(CURRENT, OLDER, UTF8, SECRET)) {
      assertFalse(run.out().contains(secret) || run.err().contains(secret));
    }
  }

  @Test
  void inventoryWaitsOutThrottling() {
    standIn.throttleNext(2, 0);
    CliRun run = run(FULL, "inventory", "--directory", "entra", "--format", "csv");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().contains("2 throttled answer(s) waited out"), run.err());
    assertEquals(2506, run.out().split("\r\n").length);
  }

  @Test
  void resetPasswordAsksIntuneAndAnUnmanagedDeviceIsAClearError() {
    int before = standIn.rotated().size();
    CliRun run = run(FULL, "reset-password", "--directory", "entra", "CLOUD-01", "BYOD-04");
    assertEquals(6, run.status(), run.err());
    assertTrue(run.out().contains("CLOUD-01\t" + WS1 + "\trotateLocalAdminPassword sent to"
        + " Intune device m-1"), run.out());
    assertTrue(run.err().contains("Entra ID has no expiry to edit"), run.err());
    assertTrue(run.err().contains("Intune does not manage Entra device " + BYOD), run.err());
    assertEquals(before + 1, standIn.rotated().size());
  }

  @Test
  void anHttpGraphUrlIsRefused() {
    CliRun run = CliRun.with(new CommandFactory(Map.of(), AgentRuntime.system()), "get-password",
        "--directory", "entra", "X", "--tenant", TENANT, "--client-id", FULL,
        "--client-secret-file", secretFile.toString(), "--graph-url", "http://127.0.0.1:1");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --graph-url must be an https:// URL: 'http://127.0.0.1:1'\n",
        run.err());
  }

  @Test
  void settingsComeFromTheEnvironmentToo() {
    Map<String, String> env = new HashMap<>();
    env.put("LAPSBRIDGE_TENANT", TENANT);
    env.put("LAPSBRIDGE_CLIENT_ID", FULL);
    env.put("LAPSBRIDGE_CLIENT_SECRET", SECRET);
    env.put("LAPSBRIDGE_GRAPH_URL", standIn.graphUrl().toString());
    env.put("LAPSBRIDGE_AUTHORITY_URL", standIn.authorityUrl().toString());
    env.put("LAPSBRIDGE_GRAPH_TRUST_STORE", standIn.certificateFile().toString());
    CliRun run = CliRun.with(new CommandFactory(env, AgentRuntime.system()), "get-password",
        "--directory", "entra", "CLOUD-02");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains(UTF8), run.out());
  }
}
