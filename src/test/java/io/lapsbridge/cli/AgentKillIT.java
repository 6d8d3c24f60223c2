package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.rotation.Checkpoint;
import io.lapsbridge.rotation.CycleOutcome;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill at every step: a real agent process is SIGKILLed (Process.destroyForcibly) at each
 * boundary of the crash-safe cycle, then restarted; the password stored in the directory must
 * always be the account's. {@code -Dagent.kill.rounds=N} runs N rounds of all six steps (CI: 4
 * rounds = 24 kills; 34 rounds = 204 kills).
 */
class AgentKillIT {
  @TempDir Path temp;

  static String stored(String dn, AttributeFamily family) throws Exception {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      if (family == AttributeFamily.LEGACY) {
        return admin.getEntry(dn, "ms-Mcs-AdmPwd").getAttributeValue("ms-Mcs-AdmPwd");
      }
      String json = admin.getEntry(dn, "msLAPS-Password").getAttributeValue("msLAPS-Password");
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("p").asText();
    }
  }

  @Test
  void noPasswordIsLostWhenTheAgentIsKilledAtAnyStep() throws Exception {
    int rounds = Integer.getInteger("agent.kill.rounds", 4);
    String ou = SharedStandIn.organizationalUnit("AgentKillIT");
    String legacyDn = SharedStandIn.computer(ou, "KILL-LEGACY", "ms-Mcs-AdmPwd", "initial",
        "ms-Mcs-AdmPwdExpirationTime", "0");
    String windowsDn = SharedStandIn.computer(ou, "KILL-WIN");
    StandInDirectory server = SharedStandIn.get();
    // One device per family: each has its own account, as two machines would.
    FileAccounts legacyAccounts =
        FileAccounts.create(temp.resolve("accounts-legacy"), "lapsadmin", "initial");
    FileAccounts windowsAccounts =
        FileAccounts.create(temp.resolve("accounts-windows"), "lapsadmin", "initial");
    String classPath = System.getProperty("java.class.path");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    int runs = 0;
    int lost = 0;
    List<String> losses = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      AttributeFamily family = round % 2 == 0 ? AttributeFamily.LEGACY : AttributeFamily.WINDOWS;
      String computer = family == AttributeFamily.LEGACY ? "KILL-LEGACY" : "KILL-WIN";
      String dn = family == AttributeFamily.LEGACY ? legacyDn : windowsDn;
      FileAccounts accounts = family == AttributeFamily.LEGACY ? legacyAccounts : windowsAccounts;
      Path accountsDir = temp.resolve(family == AttributeFamily.LEGACY ? "accounts-legacy"
          : "accounts-windows");
      Path state = temp.resolve("state-" + family);
      for (Checkpoint.Step step : Checkpoint.Step.values()) {
        String before = accounts.password("lapsadmin").orElseThrow();
        File err = temp.resolve("err-" + round + "-" + step + ".txt").toFile();
        Process agent = new ProcessBuilder(java, "-cp", classPath,
            KillableAgent.class.getName(), Integer.toString(server.port()),
            server.certificateFile().toString(), state.toString(), accountsDir.toString(),
            computer, family.name(), step.name())
            .redirectError(err).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(
            agent.getInputStream(), StandardCharsets.UTF_8))) {
          String line = out.readLine();
          assertNotNull(line, () -> "the agent died before " + step + ": " + read(err));
          assertEquals("PAUSED " + step, line);
        }
        agent.destroyForcibly(); // SIGKILL on Linux: no finally blocks, no shutdown hooks
        assertTrue(agent.waitFor(30, TimeUnit.SECONDS));
        runs++;

        CycleOutcome restart = KillableAgent.cycle(server.port(), server.certificateFile(), state,
            accountsDir, computer, Checkpoint.NONE, line -> { }).run(KillableAgent.target(family), false,
            false);
        assertTrue(restart.status().success(), restart.summary());
        assertTrue(!Files.exists(state.resolve("journal.json")), "the restart settles the journal");
        String local = accounts.password("lapsadmin").orElseThrow();
        String directory = stored(dn, family);
        if (!local.equals(directory)) {
          lost++;
          losses.add(family + " killed after " + step);
        }
        if (step.compareTo(Checkpoint.Step.LOCAL_SET) >= 0) {
          assertNotEquals(before, local, "killed after the local change: it must have stuck");
        }
      }
    }
    System.out.println("AgentKillIT: " + runs + " kills, " + lost + " passwords lost");
    assertEquals(rounds * Checkpoint.Step.values().length, runs);
    assertEquals(List.of(), losses);
  }

  private static String read(File file) {
    try {
      return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(no stderr)";
    }
  }
}
