package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.agent.AgentRuntime;
import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.AgentDirectory;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Secret;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.platform.journal.FileJournal;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.AgentTarget;
import io.lapsbridge.rotation.Checkpoint;
import io.lapsbridge.rotation.CycleOutcome;
import io.lapsbridge.rotation.RotationCycle;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent run-once} against the stand-in, with a recording fake for the local account. */
class AgentIT {
  static final String LEGACY_POLICY =
      "{\"legacyGpo\": {\"AdmPwdEnabled\": 1, \"AdminAccountName\": \"lapsadmin\","
          + " \"PasswordComplexity\": 4, \"PasswordLength\": 16},"
          + " \"device\": {\"joinState\": \"ad\"}}";
  static final String WINDOWS_POLICY =
      "{\"gpo\": {\"BackupDirectory\": 2, \"ADPasswordEncryptionEnabled\": 0,"
          + " \"AdministratorAccountName\": \"lapsadmin\", \"PasswordAgeDays\": 7},"
          + " \"device\": {\"joinState\": \"ad\"}}";

  private static String ou;
  @TempDir Path temp;
  private FileAccounts accounts;
  private CommandFactory factory;

  @BeforeAll
  static void organizationalUnit() throws Exception {
    ou = SharedStandIn.organizationalUnit("AgentIT");
  }

  @BeforeEach
  void fakeAccounts() throws Exception {
    accounts = FileAccounts.create(temp.resolve("accounts"), "lapsadmin", "initial");
    factory = fakeAgent(accounts, 1);
  }

  Path policy(String json) throws Exception {
    Path file = temp.resolve("policy-" + json.hashCode() + ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The agent's collaborators for a test: recorded local accounts, and {@code agent run}
   * stopping after {@code cycles} cycles with a sleeper that must never be reached before.
   */
  static CommandFactory fakeAgent(FileAccounts accounts, long cycles) {
    return new CommandFactory(Map.of(), new AgentRuntime(firstUid0Account -> accounts, Clock.systemUTC(),
        duration -> {
          throw new AssertionError("a test agent waited " + duration);
        }, new SplittableRandom(1), cycles));
  }

  static List<String> connection() {
    StandInDirectory server = SharedStandIn.get();
    return List.of("--server", "127.0.0.1:" + server.port(), "--start-tls", "--trust-store",
        server.certificateFile().toString(), "--bind-dn", StandInDirectory.ADMIN_DN,
        "--bind-password-file", SharedStandIn.passwordFile("admin").toString());
  }

  CliRun agent(String computer, Path policy, String... more) {
    List<String> args = new ArrayList<>(List.of("agent", "run-once", "--policy-file",
        policy.toString(), "--computer", computer, "--state-dir", temp.resolve("state").toString()));
    args.addAll(List.of(more));
    args.addAll(connection());
    return CliRun.with(factory, args.toArray(String[]::new));
  }

  static SearchResultEntry entry(String dn) throws Exception {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      return admin.getEntry(dn, "*");
    }
  }

  @Test
  void legacyEmulationRotatesInOneModifyAndGetPasswordReturnsTheLocalPassword() throws Exception {
    String dn = SharedStandIn.computer(ou, "AG-LEGACY", "ms-Mcs-AdmPwdExpirationTime", "0");
    CliRun run = agent("AG-LEGACY", policy(LEGACY_POLICY));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("rotated: rotated 'lapsadmin'; expires "), run.out());
    String local = accounts.password("lapsadmin").orElseThrow();
    assertEquals(16, local.length());
    assertEquals(local, entry(dn).getAttributeValue("ms-Mcs-AdmPwd"));
    assertFalse(run.err().contains(local), "no password in the event lines");
    assertTrue(run.err().contains("event=10018 level=info admpwd=13 msg=\"LAPS successfully"
        + " updated Active Directory with the new password (cn=AG-LEGACY,ou=AgentIT,"
        + "dc=example,dc=com, verified by reading back the password)\""), run.err());
    assertTrue(run.err().contains("event=10020 level=info admpwd=12 msg=\"LAPS successfully"
        + " updated the local admin account with the new password. Account name: lapsadmin\""));

    CliRun get = CliRun.of(SharedStandIn.args(SharedStandIn.connect("reader"), "get-password",
        "AG-LEGACY"));
    assertTrue(get.out().contains("Password            : " + local + "\n"), get.out());

    CliRun again = agent("AG-LEGACY", policy(LEGACY_POLICY));
    assertEquals(0, again.status(), again.err());
    assertEquals("not-due: days to change: 30\n", again.out());
    assertEquals(local, accounts.password("lapsadmin").orElseThrow());
  }

  @Test
  void windowsCleartextModeWritesTheJsonAndItsExpiry() throws Exception {
    String dn = SharedStandIn.computer(ou, "AG-WIN");
    CliRun run = agent("AG-WIN", policy(WINDOWS_POLICY), "--format", "json");
    assertEquals(0, run.status(), run.err());
    JsonNode out = new ObjectMapper().readTree(run.out());
    assertEquals("rotated", out.get("status").asText());
    assertEquals(0, out.get("exitStatus").asInt());
    SearchResultEntry entry = entry(dn);
    JsonNode stored = new ObjectMapper().readTree(entry.getAttributeValue("msLAPS-Password"));
    assertEquals("lapsadmin", stored.get("n").asText());
    assertEquals(accounts.password("lapsadmin").orElseThrow(), stored.get("p").asText());
    assertTrue(entry.hasAttribute("msLAPS-PasswordExpirationTime"));
    assertFalse(entry.hasAttribute("ms-Mcs-AdmPwd"));
    assertTrue(run.err().contains("event=10021 level=info msg=\"policy: Windows LAPS,"
        + " msLAPS-Password (clear text); backup directory: Active Directory; account:"
        + " 'lapsadmin'"), run.err());
  }

  @Test
  void directoryDownMeansExit3AndNoLocalChange() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Path state = temp.resolve("state");
    CliRun run = CliRun.with(factory, "agent", "run-once", "--policy-file",
        policy(LEGACY_POLICY).toString(), "--computer", "AG-DOWN", "--state-dir", state.toString(),
        "--server", "127.0.0.1:" + closed, "--start-tls", "--trust-store",
        SharedStandIn.get().certificateFile().toString(), "--bind-dn", StandInDirectory.ADMIN_DN,
        "--bind-password-file", SharedStandIn.passwordFile("admin").toString(), "--timeout", "3");
    assertEquals(3, run.status(), run.err());
    assertEquals("initial", accounts.password("lapsadmin").orElseThrow());
    assertEquals(List.of("resolve \"lapsadmin\""), accounts.calls);
    assertTrue(run.err().contains("event=10057 level=error admpwd=2 msg=\"cannot reach a directory"
        + " server (127.0.0.1:" + closed + "): connect error (91)"), run.err());
    assertTrue(run.out().startsWith("failed: cannot reach a directory server"), run.out());
    assertFalse(Files.exists(state.resolve("journal.json")));
  }

  @Test
  void dryRunWritesNothingAndCreatesNoStateDirectory() throws Exception {
    String dn = SharedStandIn.computer(ou, "AG-DRY", "ms-Mcs-AdmPwdExpirationTime", "0");
    Path state = temp.resolve("state");
    CliRun run = agent("AG-DRY", policy(LEGACY_POLICY), "--dry-run");
    assertEquals(0, run.status(), run.err());
    assertEquals("dry-run: would rotate 'lapsadmin'\n", run.out());
    assertFalse(Files.exists(state));
    assertFalse(entry(dn).hasAttribute("ms-Mcs-AdmPwd"));
    assertEquals("initial", accounts.password("lapsadmin").orElseThrow());
  }

  @Test
  void missingAccountIsExit5BeforeAnyDirectoryWrite() throws Exception {
    String dn = SharedStandIn.computer(ou, "AG-NOACC", "ms-Mcs-AdmPwdExpirationTime", "0");
    CliRun run = agent("AG-NOACC", policy(LEGACY_POLICY), "--account", "ghost");
    assertEquals(5, run.status(), run.err());
    assertTrue(run.err().contains("event=10013 level=error admpwd=3 msg=\"failed to find the"
        + " managed local account 'ghost'\""), run.err());
    assertFalse(entry(dn).hasAttribute("ms-Mcs-AdmPwd"));
  }

  /** A cycle wired by hand, so that an administrator can act between its steps. */
  RotationCycle cycle(Checkpoint checkpoint) throws Exception {
    StandInDirectory server = SharedStandIn.get();
    AgentConnection connection = new AgentConnection(List.of("127.0.0.1:" + server.port()),
        Optional.empty(), TransportSecurity.START_TLS, server.certificateFile(),
        new MachineBind.Simple(StandInDirectory.ADMIN_DN, Secret.of(StandInDirectory.ADMIN_PASSWORD)),
        null, Duration.ofSeconds(10));
    return new RotationCycle(() -> AgentDirectory.open(connection, "AG-RACE"), accounts,
        FileJournal.open(temp.resolve("state")), PasswordGenerator.secure(), Clock.systemUTC(),
        line -> { }, checkpoint);
  }

  static AgentTarget.Resolution legacyTarget() {
    AgentTarget target = new AgentTarget(AttributeFamily.LEGACY,
        new ManagedAccount.Named("lapsadmin"), 30, 4, 14, false, 0, 1);
    return new AgentTarget.Managed(target, target.describe());
  }

  @Test
  void concurrentAdminResetDuringACycleIsHonouredAndNothingIsLost() throws Exception {
    String dn = SharedStandIn.computer(ou, "AG-RACE", "ms-Mcs-AdmPwdExpirationTime", "0");
    Checkpoint adminResets = step -> {
      if (step == Checkpoint.Step.DIRECTORY_READ_BACK) {
        try (LDAPConnection admin = SharedStandIn.admin()) {
          admin.modify(dn, new Modification(ModificationType.REPLACE,
              "ms-Mcs-AdmPwdExpirationTime", "0"));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
    CycleOutcome first = cycle(adminResets).run(legacyTarget(), false, false);
    assertEquals(CycleOutcome.Status.ROTATED, first.status(), first.summary());
    String afterFirst = accounts.password("lapsadmin").orElseThrow();
    assertEquals(afterFirst, entry(dn).getAttributeValue("ms-Mcs-AdmPwd"));
    assertEquals("0", entry(dn).getAttributeValue("ms-Mcs-AdmPwdExpirationTime"));

    CycleOutcome second = cycle(Checkpoint.NONE).run(legacyTarget(), false, false);
    assertEquals(CycleOutcome.Status.ROTATED, second.status(), "the reset is honoured next cycle");
    String afterSecond = accounts.password("lapsadmin").orElseThrow();
    assertFalse(afterSecond.equals(afterFirst));
    assertEquals(afterSecond, entry(dn).getAttributeValue("ms-Mcs-AdmPwd"));
  }

  @Test
  void runLoopRunsACycleAtOnce() throws Exception {
    String dn = SharedStandIn.computer(ou, "AG-LOOP", "ms-Mcs-AdmPwdExpirationTime", "0");
    List<String> args = new ArrayList<>(List.of("agent", "run",
        "--policy-file", policy(LEGACY_POLICY).toString(), "--computer", "AG-LOOP",
        "--state-dir", temp.resolve("state").toString()));
    args.addAll(connection());
    CliRun run = CliRun.with(factory, args.toArray(String[]::new));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("rotated: rotated 'lapsadmin'"), run.out());
    assertEquals(accounts.password("lapsadmin").orElseThrow(),
        entry(dn).getAttributeValue("ms-Mcs-AdmPwd"));
    CliRun bad = CliRun.of("agent", "run", "--interval-minutes", "0", "--policy-file",
        policy(LEGACY_POLICY).toString());
    assertEquals(2, bad.status());
    assertEquals("lapsbridge: usage: --interval-minutes must be at least 1 and --jitter-minutes"
        + " not negative\n", bad.err());
  }
}
