package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.agent.AgentRuntime;
import io.lapsbridge.platform.linux.Commands;
import io.lapsbridge.platform.linux.LinuxAccounts;
import io.lapsbridge.wire.WindowsGuid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows Server 2025 parity of the agent against the stand-in: {@code
 * msLAPS-CurrentPasswordVersion} with image-rollback detection, and automatic account
 * management creating a real account (shadow tools) in a system tree under a temporary
 * directory.
 */
class AgentParity2025IT {
  static final String AUTOMATIC_POLICY =
      "{\"gpo\": {\"BackupDirectory\": 2, \"ADPasswordEncryptionEnabled\": 0,"
          + " \"AutomaticAccountManagementEnabled\": 1,"
          + " \"AutomaticAccountManagementNameOrPrefix\": \"WLapsAdmin\","
          + " \"AutomaticAccountManagementRandomizeName\": 1,"
          + " \"AutomaticAccountManagementEnableAccount\": 1, \"PasswordAgeDays\": 7},"
          + " \"device\": {\"joinState\": \"ad\"}}";
  private static String ou;
  @TempDir Path temp;

  @BeforeAll
  static void organizationalUnit() throws Exception {
    ou = SharedStandIn.organizationalUnit("AgentParity2025IT");
  }

  Path policy(String json) throws Exception {
    Path file = temp.resolve("policy.json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  CliRun agent(CommandFactory factory, String computer, Path policy, Path state, String... more) {
    List<String> args = new ArrayList<>(List.of("agent", "run-once", "--policy-file",
        policy.toString(), "--computer", computer, "--state-dir", state.toString()));
    args.addAll(List.of(more));
    args.addAll(AgentIT.connection());
    return CliRun.with(factory, args.toArray(String[]::new));
  }

  static UUID storedVersion(String dn) throws Exception {
    SearchResultEntry entry = AgentIT.entry(dn);
    byte[] value = entry.getAttributeValueBytes("msLAPS-CurrentPasswordVersion");
    assertEquals(16, value.length, "a binary GUID");
    return WindowsGuid.decode(value);
  }

  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.list(from)) {
      Files.createDirectories(to);
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  @Test
  void eachRotationWritesAVersionAndADeviceRestoredFromAnImageRotates() throws Exception {
    String dn = SharedStandIn.computer(ou, "PAR-IMAGE");
    FileAccounts accounts = FileAccounts.create(temp.resolve("accounts"), "lapsadmin", "initial");
    CommandFactory factory = AgentIT.fakeAgent(accounts, 1);
    Path state = temp.resolve("state");
    Path policy = policy(AgentIT.WINDOWS_POLICY);

    CliRun first = agent(factory, "PAR-IMAGE", policy, state);
    assertEquals(0, first.status(), first.err());
    UUID v1 = storedVersion(dn);
    assertTrue(Files.readString(state.resolve("last-windows.json")).contains(v1.toString()));
    // The image: the state directory and the account as they are now.
    copy(state, temp.resolve("image"));
    String imagePassword = accounts.password("lapsadmin").orElseThrow();

    CliRun forced = agent(factory, "PAR-IMAGE", policy, state, "--force");
    assertEquals(0, forced.status(), forced.err());
    UUID v2 = storedVersion(dn);
    assertNotEquals(v1, v2);
    CliRun quiet = agent(factory, "PAR-IMAGE", policy, state);
    assertTrue(quiet.out().startsWith("not-due: "), quiet.out());

    // Restored from the image: local state and password roll back; the directory does not.
    copy(temp.resolve("image"), state);
    accounts.setPassword("lapsadmin", io.lapsbridge.model.Secret.of(imagePassword));
    CliRun restored = agent(factory, "PAR-IMAGE", policy, state);
    assertEquals(0, restored.status(), restored.err());
    assertTrue(restored.out().startsWith("rotated: rotated 'lapsadmin'"), restored.out());
    assertTrue(restored.err().contains("msLAPS-CurrentPasswordVersion differs from the version"
        + " this device recorded"), restored.err());
    UUID v3 = storedVersion(dn);
    assertNotEquals(v2, v3);
    JsonNode stored = new ObjectMapper().readTree(AgentIT.entry(dn)
        .getAttributeValue("msLAPS-Password"));
    assertEquals(accounts.password("lapsadmin").orElseThrow(), stored.get("p").asText());
  }

  @Test
  void theAgentManagesAnAccountThatDoesNotExistYet() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "the shadow tools need root");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd"))
        && Files.isExecutable(Path.of("/usr/bin/perl")), "needs useradd and perl");
    Path root = temp.resolve("root");
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\nsudo:x:27:\nusers:x:100:\n");
    Files.writeString(etc.resolve("gshadow"), "root:*::\nsudo:*::\nusers:*::\n");
    CommandFactory factory = new CommandFactory(Map.of(), new AgentRuntime(
        uid0 -> LinuxAccounts.under(root, false, Commands.system()), Clock.systemUTC(),
        duration -> {
          throw new AssertionError("waited " + duration);
        }, new SplittableRandom(7), 1));
    String dn = SharedStandIn.computer(ou, "PAR-AUTO");
    Path policy = policy(AUTOMATIC_POLICY);

    CliRun run = agent(factory, "PAR-AUTO", policy, temp.resolve("state"));
    assertEquals(0, run.status(), run.err());
    JsonNode stored = new ObjectMapper().readTree(AgentIT.entry(dn)
        .getAttributeValue("msLAPS-Password"));
    String name = stored.get("n").asText();
    assertTrue(name.matches("WLapsAdmin[0-9]{6}"), name);
    assertTrue(run.out().startsWith("rotated: rotated '" + name + "'"), run.out());
    assertTrue(run.err().contains("event=19007 level=info msg=\"created the managed local account '"
        + name + "'"), run.err());
    assertTrue(LinuxAutomaticAccounts.verifies(root, name, stored.get("p").asText()),
        "the directory's password is the new account's");
    assertTrue(Files.readString(etc.resolve("group")).contains("sudo:x:27:" + name));

    CliRun again = agent(factory, "PAR-AUTO", policy, temp.resolve("state"), "--force");
    assertEquals(0, again.status(), again.err());
    JsonNode next = new ObjectMapper().readTree(AgentIT.entry(dn)
        .getAttributeValue("msLAPS-Password"));
    String renamed = next.get("n").asText();
    assertNotEquals(name, renamed, "a randomized name changes with each rotation");
    assertTrue(LinuxAutomaticAccounts.verifies(root, renamed, next.get("p").asText()));
    assertEquals(List.of("root", renamed), Files.readAllLines(etc.resolve("passwd")).stream()
        .map(l -> l.split(":", -1)[0]).toList());
  }
}
