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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill at every step: a real agent process is SIGKILLed (Process.destroyForcibly) at each
 * boundary of the crash-safe cycle, then restarted; the password stored in the directory must
 * always be the account's. Rounds cycle through legacy, Windows clear text and Windows encrypted
 * (decrypted here with the exported fixture root keys). {@code -Dagent.kill.rounds=N} runs N
 * rounds of all six steps (CI: 4 rounds = 24 kills; 34 rounds = 204 kills).
 */
class AgentKillIT {
  @TempDir Path temp;

  static String stored(String dn, AttributeFamily family, Path rootKeys) throws Exception {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      if (rootKeys != null) {
        byte[] value = admin.getEntry(dn, "msLAPS-EncryptedPassword")
            .getAttributeValueBytes("msLAPS-EncryptedPassword");
        return new io.lapsbridge.crypto.LapsDecryptor(io.lapsbridge.crypto.RootKeyProvider.of(
            io.lapsbridge.keyfile.KdsKeyFile.read(rootKeys))).decrypt(value).password().reveal();
      }
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
    String encryptedDn = SharedStandIn.computer(ou, "KILL-ENC");
    Path publicKey = temp.resolve("group.pub.json");
    Path rootKeys = temp.resolve("keys.json");
    assertEquals(0, CliRun.of(SharedStandIn.args(SharedStandIn.connect("admin"), "kds",
        "public-key", "--out", publicKey.toString(), "--sid",
        "S-1-5-21-1000000001-2000000002-3000000003-512")).status());
    assertEquals(0, CliRun.of(SharedStandIn.args(SharedStandIn.connect("admin"), "kds",
        "export", "--out", rootKeys.toString())).status());
    StandInDirectory server = SharedStandIn.get();
    // One device per family: each has its own account, as two machines would.
    FileAccounts legacyAccounts =
        FileAccounts.create(temp.resolve("accounts-legacy"), "lapsadmin", "initial");
    FileAccounts windowsAccounts =
        FileAccounts.create(temp.resolve("accounts-windows"), "lapsadmin", "initial");
    FileAccounts encryptedAccounts =
        FileAccounts.create(temp.resolve("accounts-encrypted"), "lapsadmin", "initial");
    String classPath = System.getProperty("java.class.path");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    int runs = 0;
    int lost = 0;
    List<String> losses = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      // Three devices: legacy, Windows clear text, Windows encrypted; each has its own account.
      int mode = round % 3;
      boolean encrypted = mode == 2;
      AttributeFamily family = mode == 0 ? AttributeFamily.LEGACY : AttributeFamily.WINDOWS;
      String name = mode == 0 ? "legacy" : mode == 1 ? "windows" : "encrypted";
      String computer = mode == 0 ? "KILL-LEGACY" : mode == 1 ? "KILL-WIN" : "KILL-ENC";
      String dn = mode == 0 ? legacyDn : mode == 1 ? windowsDn : encryptedDn;
      FileAccounts accounts = mode == 0 ? legacyAccounts : mode == 1 ? windowsAccounts
          : encryptedAccounts;
      Path accountsDir = temp.resolve("accounts-" + name);
      Path state = temp.resolve("state-" + name);
      Optional<Path> key = encrypted ? Optional.of(publicKey) : Optional.empty();
      for (Checkpoint.Step step : Checkpoint.Step.values()) {
        String before = accounts.password("lapsadmin").orElseThrow();
        File err = temp.resolve("err-" + round + "-" + step + ".txt").toFile();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath,
            KillableAgent.class.getName(), Integer.toString(server.port()),
            server.certificateFile().toString(), state.toString(), accountsDir.toString(),
            computer, family.name(), step.name()));
        key.ifPresent(k -> command.add(k.toString()));
        Process agent = new ProcessBuilder(command).redirectError(err).start();
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
            accountsDir, computer, Checkpoint.NONE, line -> { }, key)
            .run(KillableAgent.target(family, key), false, false);
        assertTrue(restart.status().success(), restart.summary());
        assertTrue(!Files.exists(state.resolve("journal.json")), "the restart settles the journal");
        String local = accounts.password("lapsadmin").orElseThrow();
        String directory = stored(dn, family, encrypted ? rootKeys : null);
        if (!local.equals(directory)) {
          lost++;
          losses.add(name + " killed after " + step);
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
