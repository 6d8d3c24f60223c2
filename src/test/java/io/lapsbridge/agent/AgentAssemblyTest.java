package io.lapsbridge.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.config.SettingsException;
import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.model.JoinState;
import io.lapsbridge.platform.file.JsonPolicyFile;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.AgentTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the agent's options and policy become a plan and a cycle, without a directory. */
class AgentAssemblyTest {
  private static final String LEGACY = "{\"legacyGpo\": {\"AdmPwdEnabled\": 1,"
      + " \"AdminAccountName\": \"lapsadmin\"}%s}";
  private static final String ENCRYPTED = "{\"gpo\": {\"BackupDirectory\": 2,"
      + " \"ADPasswordEncryptionEnabled\": 1, \"AdministratorAccountName\": \"lapsadmin\"},"
      + " \"device\": {\"joinState\": \"ad\", \"domainFunctionalLevel\": 2016}}";

  @TempDir Path temp;
  private final AtomicReference<Boolean> openedWithUid0 = new AtomicReference<>();
  private final AgentAssembly assembly = new AgentAssembly(new AgentRuntime(
      firstUid0Account -> {
        openedWithUid0.set(firstUid0Account);
        return null; // building a cycle touches no account
      }, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC),
      duration -> { }, new SplittableRandom(1), 1));

  private static DeviceArguments device(JoinState join, String account, Path stateDir,
      Path publicKeyFile, int maxAgeDays) {
    return new DeviceArguments(join, null, "PC1", account, stateDir, publicKeyFile, maxAgeDays);
  }

  private AgentAssembly.Plan plan(DeviceArguments device, String policy) {
    JsonPolicyFile file = JsonPolicyFile.parse("policy.json",
        policy.getBytes(StandardCharsets.UTF_8));
    return assembly.plan(device, List.of(file), file.device());
  }

  @Test
  void typedFactsBeatThePolicyFilesWhichBeatTheDefault() {
    String entraJoined = String.format(LEGACY, ", \"device\": {\"joinState\": \"entra\"}");
    // Legacy LAPS needs Active Directory: an Entra-only device refuses the policy.
    assertInstanceOf(AgentTarget.Refused.class,
        plan(device(null, null, temp, null, 30), entraJoined).resolution());
    assertInstanceOf(AgentTarget.Managed.class,
        plan(device(JoinState.AD, null, temp, null, 30), entraJoined).resolution(),
        "--join-state beats the policy file");
    assertInstanceOf(AgentTarget.Managed.class,
        plan(device(null, null, temp, null, 30), String.format(LEGACY, "")).resolution(),
        "joined to AD when nothing says otherwise");
  }

  @Test
  void theAccountOptionReplacesThePolicysAccount() {
    String policy = String.format(LEGACY, "");
    AgentTarget.Managed uid0 = assertInstanceOf(AgentTarget.Managed.class,
        plan(device(null, "@uid0", temp, null, 30), policy).resolution());
    assertEquals(new ManagedAccount.BuiltInAdministrator(), uid0.target().account());
    AgentTarget.Managed named = assertInstanceOf(AgentTarget.Managed.class,
        plan(device(null, "ops", temp, null, 30), policy).resolution());
    assertEquals(new ManagedAccount.Named("ops"), named.target().account());
  }

  @Test
  void anUnusablePublicKeyFileRefusesOnlyAnEncryptedPlan() throws Exception {
    Path notAKey = Files.writeString(temp.resolve("key.json"), "{}");
    AgentAssembly.Plan encrypted = plan(device(null, null, temp, notAKey, 30), ENCRYPTED);
    AgentTarget.Refused refused = assertInstanceOf(AgentTarget.Refused.class,
        encrypted.resolution());
    assertTrue(refused.reason().startsWith("cannot encrypt: "), refused.reason());
    assertEquals(Optional.empty(), encrypted.key());

    Path missing = temp.resolve("missing.json");
    assertInstanceOf(AgentTarget.Managed.class,
        plan(device(null, null, temp, missing, 30), String.format(LEGACY, "")).resolution(),
        "a clear-text plan needs no key");
    AgentTarget.Refused absent = assertInstanceOf(AgentTarget.Refused.class,
        plan(device(null, null, temp, missing, 30), ENCRYPTED).resolution());
    assertEquals("cannot encrypt: the public-key file " + missing
        + " does not exist or is not a file", absent.reason());
  }

  @Test
  void aNegativeKeyAgeIsAUsageError() {
    SettingsException e = assertThrows(SettingsException.class,
        () -> plan(device(null, null, temp, null, -1), String.format(LEGACY, "")));
    assertEquals("--public-key-max-age-days must not be negative", e.getMessage());
  }

  @Test
  void aDryRunDoesNotCreateTheStateDirectory() throws Exception {
    Path state = temp.resolve("state");
    AgentConnection connection = new AgentConnection(List.of("dc1"), Optional.empty(),
        TransportSecurity.LDAPS, null, new MachineBind.Kerberos(Path.of("/etc/krb5.keytab"),
            "PC1$", Optional.empty(), Optional.empty()), null, Duration.ofSeconds(5));
    DeviceArguments device = device(null, "@uid0", state, null, 30);
    AgentAssembly.Plan plan = plan(device, String.format(LEGACY, ""));

    assembly.cycle(device, connection, plan, true, line -> { });
    assertFalse(Files.exists(state));
    assertTrue(Boolean.TRUE.equals(openedWithUid0.get()), "@uid0 reaches the account adapter");

    assembly.cycle(device, connection, plan, false, line -> { });
    assertTrue(Files.isDirectory(state), "a real cycle opens its journal");
  }
}
