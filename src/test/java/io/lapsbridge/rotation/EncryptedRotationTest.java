package io.lapsbridge.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.JoinState;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.platform.file.JsonPolicyFile;
import io.lapsbridge.policy.DeviceFacts;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.policy.PolicyEngine;
import io.lapsbridge.policy.PolicyEvaluation;
import io.lapsbridge.policy.PolicySnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Encrypted mode over fakes: plan checks, history, byte read-back, crashes. */
class EncryptedRotationTest {
  static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  static final String SID = "S-1-5-21-1004336348-1177238915-682003330-512";
  static final String ACCOUNT = "lapsadmin";

  final Fakes.Directory directory = new Fakes.Directory();
  final Fakes.Accounts accounts = new Fakes.Accounts();
  final Fakes.MemoryJournal journal = new Fakes.MemoryJournal();
  final Fakes.TickingClock clock = new Fakes.TickingClock(NOW);
  final List<String> lines = new ArrayList<>();

  static PublishedKey.Loaded key(String sid, Instant start) {
    return new PublishedKey.Loaded("/etc/lapsbridge/group.pub", sid, start, Duration.ofDays(30));
  }

  static PolicyEvaluation policy(String principal, int history) {
    String json = "{\"gpo\": {\"BackupDirectory\": 2, \"AdministratorAccountName\": \"lapsadmin\","
        + (principal == null ? "" : " \"ADPasswordEncryptionPrincipal\": \"" + principal.replace(
            "\\", "\\\\") + "\",")
        + " \"ADEncryptedPasswordHistorySize\": " + history + "}}";
    return PolicyEngine.evaluate(PolicySnapshot.read(List.of(JsonPolicyFile.parse("test.json",
        json.getBytes(StandardCharsets.UTF_8)))), new DeviceFacts(JoinState.AD, false, false,
        OptionalInt.of(2016)));
  }

  static String refusal(AgentTarget.Resolution resolution) {
    return ((AgentTarget.Refused) resolution).reason();
  }

  @Test
  void anEncryptedPlanNeedsAPublicKeyFile() {
    assertEquals("the policy asks for encrypted backup (msLAPS-EncryptedPassword), but no"
        + " public-key file is configured: publish one with 'lapsbridge kds public-key --out"
        + " FILE --sid SID' and give it with --public-key-file (env LAPSBRIDGE_PUBLIC_KEY_FILE)",
        refusal(AgentTarget.resolve(policy(null, 0), Optional.empty())));
    assertEquals("cannot encrypt: no such file", refusal(AgentTarget.resolve(policy(null, 0),
        Optional.empty(), new PublishedKey.Unusable("no such file"), NOW)));
  }

  @Test
  void theDefaultPrincipalTakesADomainAdminsKey() {
    AgentTarget.Managed managed = (AgentTarget.Managed) AgentTarget.resolve(policy(null, 3),
        Optional.empty(), key(SID, NOW.minus(Duration.ofHours(2))), NOW);
    assertEquals(Optional.of(SID), managed.target().encryptedTo());
    assertEquals(3, managed.target().historySize());
    assertTrue(managed.policyLine().startsWith("policy: Windows LAPS, msLAPS-EncryptedPassword"
        + " (encrypted to " + SID + "; history: 3); "), managed.policyLine());
    assertEquals("the policy encrypts to the default principal (Domain Admins), but the"
        + " public-key file /etc/lapsbridge/group.pub is for S-1-5-21-1-2-3-1105, which is not a"
        + " Domain Admins SID (S-1-5-21-...-512)", refusal(AgentTarget.resolve(policy(null, 0),
            Optional.empty(), key("S-1-5-21-1-2-3-1105", NOW), NOW)));
  }

  @Test
  void anExplicitSidMustBeTheFilesSid() {
    String other = "S-1-5-21-1-2-3-1105";
    assertTrue(AgentTarget.resolve(policy(other.toLowerCase(java.util.Locale.ROOT), 0),
        Optional.empty(), key(other, NOW), NOW) instanceof AgentTarget.Managed);
    assertEquals("ADPasswordEncryptionPrincipal is " + other + ", but the public-key file"
        + " /etc/lapsbridge/group.pub encrypts to " + SID + "; publish a file for " + other
        + " ('lapsbridge kds public-key --sid " + other + "')",
        refusal(AgentTarget.resolve(policy(other, 0), Optional.empty(), key(SID, NOW), NOW)));
    assertEquals("ADPasswordEncryptionPrincipal 'EXAMPLE\\LAPS Readers' is a name, which this"
        + " agent cannot map to a SID; set it to the SID the public-key file"
        + " /etc/lapsbridge/group.pub was published for (" + SID + ")",
        refusal(AgentTarget.resolve(policy("EXAMPLE\\LAPS Readers", 0), Optional.empty(),
            key(SID, NOW), NOW)));
  }

  @Test
  void anExpiredOrFutureFileIsRefused() {
    Instant old = NOW.minus(Duration.ofDays(31));
    assertEquals("the public-key file /etc/lapsbridge/group.pub has expired: its key interval"
        + " started " + old + ", more than 30 days ago; republish it with 'lapsbridge kds"
        + " public-key' (or raise --public-key-max-age-days)",
        refusal(AgentTarget.resolve(policy(null, 0), Optional.empty(), key(SID, old), NOW)));
    // Within the limit (the interval's own 10 hours count as current).
    assertTrue(AgentTarget.resolve(policy(null, 0), Optional.empty(),
        key(SID, NOW.minus(Duration.ofDays(30))), NOW) instanceof AgentTarget.Managed);
    // No limit.
    assertTrue(AgentTarget.resolve(policy(null, 0), Optional.empty(), new PublishedKey.Loaded(
        "f", SID, old, Duration.ZERO), NOW) instanceof AgentTarget.Managed);
    Instant future = NOW.plus(Duration.ofHours(10));
    assertEquals("the public-key file /etc/lapsbridge/group.pub is for a key interval starting "
        + future + ", in the future: check the clock or republish the file",
        refusal(AgentTarget.resolve(policy(null, 0), Optional.empty(), key(SID, future), NOW)));
  }

  /** A key from a DC (#14): current by construction, so no age limit; the principal still counts. */
  @Test
  void aFetchedKeyServesThePrincipalItWasResolvedFor() {
    String readers = "S-1-5-21-1-2-3-1105";
    PublishedKey byName = new PublishedKey.Fetched("dc1:135", "EXAMPLE\\LAPS Readers", readers,
        NOW.minus(Duration.ofDays(400)));
    AgentTarget.Managed managed = (AgentTarget.Managed) AgentTarget.resolve(
        policy("example\\laps readers", 0), Optional.empty(), byName, NOW);
    assertEquals(Optional.of(readers), managed.target().encryptedTo());
    // The policy changed since the key was fetched: the SID checks apply as for a file.
    assertEquals("ADPasswordEncryptionPrincipal is " + SID + ", but the key fetched from"
        + " dc1:135 encrypts to " + readers + "; publish a file for " + SID
        + " ('lapsbridge kds public-key --sid " + SID + "')",
        refusal(AgentTarget.resolve(policy(SID, 0), Optional.empty(), byName, NOW)));
    Instant future = NOW.plus(Duration.ofHours(10));
    assertEquals("the DC dc1:135 gave a key for an interval starting " + future + ", in the"
        + " future: check this device's clock", refusal(AgentTarget.resolve(policy(readers, 0),
            Optional.empty(), new PublishedKey.Fetched("dc1:135", readers, readers, future),
            NOW)));
  }

  @Test
  void withNeitherADcKeyNorAFileTheRefusalSaysWhyGetKeyWasNotUsed() {
    assertTrue(refusal(AgentTarget.resolve(policy(null, 0), Optional.empty(),
        new PublishedKey.NotGiven("no RC4-HMAC key for WS01$ in the keytab k"), NOW))
        .endsWith("(env LAPSBRIDGE_PUBLIC_KEY_FILE); no key from a DC either: no RC4-HMAC key"
            + " for WS01$ in the keytab k"));
  }

  @Test
  void aTargetIsEncryptedOnlyInTheWindowsFamilyWithBoundedHistory() {
    ManagedAccount account = new ManagedAccount.Named(ACCOUNT);
    assertThrows(IllegalArgumentException.class, () -> new AgentTarget(AttributeFamily.LEGACY,
        account, 30, 4, 14, true, 0, 1, Optional.of(SID), 0));
    assertThrows(IllegalArgumentException.class, () -> new AgentTarget(AttributeFamily.WINDOWS,
        account, 30, 4, 14, true, 0, 1, Optional.empty(), 2));
    assertThrows(IllegalArgumentException.class, () -> new AgentTarget(AttributeFamily.WINDOWS,
        account, 30, 4, 14, true, 0, 1, Optional.of(SID), 13));
  }

  @Test
  void aKeyIsIgnoredWhenThePlanIsClearText() {
    String clear = "{\"gpo\": {\"BackupDirectory\": 2, \"ADPasswordEncryptionEnabled\": 0,"
        + " \"AdministratorAccountName\": \"lapsadmin\"}}";
    PolicyEvaluation evaluation = PolicyEngine.evaluate(PolicySnapshot.read(List.of(
        JsonPolicyFile.parse("c.json", clear.getBytes(StandardCharsets.UTF_8)))),
        new DeviceFacts(JoinState.AD, false, false, OptionalInt.of(2016)));
    AgentTarget.Managed managed = (AgentTarget.Managed) AgentTarget.resolve(evaluation,
        Optional.empty(), new PublishedKey.Unusable("broken"), NOW);
    assertEquals(Optional.empty(), managed.target().encryptedTo());
  }

  static AgentTarget.Resolution encrypted(int history) {
    AgentTarget target = new AgentTarget(AttributeFamily.WINDOWS,
        new ManagedAccount.Named(ACCOUNT), 30, 4, 14, true, 0, 1, Optional.of(SID), history);
    return new AgentTarget.Managed(target, target.describe());
  }

  RotationCycle cycle(long seed) {
    return new RotationCycle(directory.connector(), accounts, journal,
        new PasswordGenerator(new SplittableRandom(seed)), clock, lines::add, Checkpoint.NONE);
  }

  void start() {
    directory.encrypting = true;
    directory.passwords.put(AttributeFamily.WINDOWS, "initial");
    directory.expiries.put(AttributeFamily.WINDOWS, FileTime.ZERO);
    accounts.passwords.put(ACCOUNT, "initial");
  }

  @Test
  void rotatesVerifyingTheEncryptedBytesAndKeepsHistory() {
    start();
    directory.historySize = 2;
    for (int i = 1; i <= 3; i++) {
      CycleOutcome outcome = cycle(i).run(encrypted(2), true, false);
      assertEquals(CycleOutcome.Status.ROTATED, outcome.status(), outcome.summary());
      assertEquals(directory.passwords.get(AttributeFamily.WINDOWS), accounts.passwords.get(
          ACCOUNT));
    }
    assertEquals(List.of("sealed-2", "sealed-1"), directory.history);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10018 level=info msg=\"LAPS"
        + " successfully updated Active Directory with the new password (CN=PC1,OU=Computers,"
        + "DC=example,DC=com, verified by reading back the encrypted value and expiry)\"")),
        String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10021 level=info msg=\"policy:"
        + " Windows LAPS, msLAPS-EncryptedPassword (encrypted to " + SID + "; history: 2)")));
  }

  /**
   * Found on Samba AD: the encrypted attributes are confidential and the cmdlet's SELF ACEs
   * grant no control access, so the computer reads back no value; its expiry decides.
   */
  @Test
  void aValueTheComputerMayNotReadBackIsVerifiedByItsExpiry() {
    start();
    directory.sealedReadable = false;
    CycleOutcome outcome = cycle(1).run(encrypted(0), true, false);
    assertEquals(CycleOutcome.Status.ROTATED, outcome.status(), outcome.summary());
    assertEquals(directory.passwords.get(AttributeFamily.WINDOWS), accounts.passwords.get(
        ACCOUNT));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10018 level=info msg=\"LAPS"
        + " successfully updated Active Directory with the new password (CN=PC1,OU=Computers,"
        + "DC=example,DC=com, verified by reading back the expiry)\"")),
        String.join("\n", lines));
  }

  @Test
  void anUnreadableValueWithAnotherExpiryStillFailsTheReadBack() {
    start();
    directory.sealedReadable = false;
    directory.afterWrite = () -> directory.expiries.put(AttributeFamily.WINDOWS, FileTime.ZERO);
    CycleOutcome outcome = cycle(1).run(encrypted(0), true, false);
    assertEquals(CycleOutcome.Status.FAILED, outcome.status());
    assertEquals("initial", accounts.passwords.get(ACCOUNT));
  }

  @Test
  void differentBytesOnReadBackLeaveTheLocalPasswordAlone() {
    start();
    directory.afterWrite = () -> directory.sealed.put(AttributeFamily.WINDOWS, "someone else's");
    CycleOutcome outcome = cycle(1).run(encrypted(0), true, false);
    assertEquals(CycleOutcome.Status.FAILED, outcome.status());
    assertEquals(Optional.of(PortException.Kind.DIRECTORY_REJECTED), outcome.failure());
    assertEquals("initial", accounts.passwords.get(ACCOUNT));
    assertNull(journal.pending);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10017 level=error")));
  }

  @Test
  void aPortThatDoesNotEncryptIsNeverGivenAnEncryptedPlan() {
    start();
    directory.encrypting = false;
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> cycle(1).run(encrypted(0), true, false));
    assertEquals("the plan is encrypted but the directory port does not", e.getMessage());
    assertEquals(0, directory.writes);
    assertNull(journal.pending);
  }

  static Stream<Arguments> steps() {
    List<Arguments> cases = new ArrayList<>();
    for (Checkpoint.Step step : Checkpoint.Step.values()) {
      cases.add(Arguments.of(step, false));
      cases.add(Arguments.of(step, true));
    }
    return cases.stream();
  }

  /** As for clear text: the computer cannot read the password back, so the expiry decides. */
  @ParameterizedTest(name = "crash after {0} adminReset={1}")
  @MethodSource("steps")
  void noPasswordIsLostWhereverAnEncryptedCycleDies(Checkpoint.Step step, boolean adminReset) {
    for (long seed = 0; seed < 10; seed++) {
      Fakes.Directory dir = new Fakes.Directory();
      Fakes.Accounts acc = new Fakes.Accounts();
      Fakes.MemoryJournal jr = new Fakes.MemoryJournal();
      dir.encrypting = true;
      dir.historySize = 1;
      dir.passwords.put(AttributeFamily.WINDOWS, "initial-" + seed);
      dir.expiries.put(AttributeFamily.WINDOWS, FileTime.ZERO);
      acc.passwords.put(ACCOUNT, "initial-" + seed);
      SplittableRandom random = new SplittableRandom(seed);
      RotationCycle dying = new RotationCycle(dir.connector(), acc, jr,
          new PasswordGenerator(random), clock, line -> { }, s -> {
            if (s == step) {
              throw new Fakes.Crash(s);
            }
          });
      assertThrows(Fakes.Crash.class, () -> dying.run(encrypted(1), false, false));
      if (adminReset) {
        dir.expiries.put(AttributeFamily.WINDOWS, FileTime.ZERO);
      }
      clock.advance(Duration.ofMinutes(random.nextInt(1, 120)));
      CycleOutcome outcome = new RotationCycle(dir.connector(), acc, jr,
          new PasswordGenerator(random), clock, line -> { }, Checkpoint.NONE)
          .run(encrypted(1), false, false);
      assertTrue(outcome.status().success(), outcome.summary());
      assertNull(jr.pending);
      assertEquals(dir.passwords.get(AttributeFamily.WINDOWS), acc.passwords.get(ACCOUNT),
          "seed " + seed + ": the stored password must work");
    }
  }
}
