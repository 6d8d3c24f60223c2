package io.lapsbridge.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.policy.ManagedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RotationCycleTest {
  static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
  static final String ACCOUNT = "lapsadmin";

  final Fakes.Directory directory = new Fakes.Directory();
  final Fakes.Accounts accounts = new Fakes.Accounts();
  final Fakes.MemoryJournal journal = new Fakes.MemoryJournal();
  final Fakes.TickingClock clock = new Fakes.TickingClock(START);
  final List<String> lines = new ArrayList<>();

  RotationCycle cycle(Checkpoint checkpoint, long seed) {
    return new RotationCycle(directory.connector(), accounts, journal,
        new PasswordGenerator(new SplittableRandom(seed)), clock, lines::add, checkpoint);
  }

  static AgentTarget.Resolution managed(AttributeFamily family) {
    AgentTarget target = new AgentTarget(family, new ManagedAccount.Named(ACCOUNT), 30, 4, 14,
        true, 0, 1);
    return new AgentTarget.Managed(target, target.describe());
  }

  /** A consistent, expired starting point: both sides hold "initial-0". */
  void expiredStart(AttributeFamily family) {
    directory.passwords.put(family, "initial-0");
    directory.expiries.put(family, FileTime.of(START.minus(Duration.ofDays(1))));
    accounts.passwords.put(ACCOUNT, "initial-0");
  }

  void assertStoredPasswordWorks(AttributeFamily family) {
    assertEquals(directory.passwords.get(family), accounts.passwords.get(ACCOUNT),
        "the directory's password must be the account's");
  }

  @Test
  void rotatesDirectoryFirstThenLocalAndClearsTheJournal() {
    expiredStart(AttributeFamily.LEGACY);
    List<Checkpoint.Step> steps = new ArrayList<>();
    CycleOutcome outcome = cycle(steps::add, 1).run(managed(AttributeFamily.LEGACY), false,
        false);
    assertEquals(CycleOutcome.Status.ROTATED, outcome.status());
    assertEquals(List.of(Checkpoint.Step.values()), steps);
    assertEquals(List.of(Intent.Phase.INTENT, Intent.Phase.CONFIRMED), journal.recorded);
    assertNull(journal.pending);
    assertNotEquals("initial-0", accounts.passwords.get(ACCOUNT));
    assertStoredPasswordWorks(AttributeFamily.LEGACY);
    assertEquals(START.plus(Duration.ofDays(30)).getEpochSecond(),
        directory.expiries.get(AttributeFamily.LEGACY).toInstant().getEpochSecond());
    List<String> ids = lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
    assertEquals(List.of("event=10003", "event=10023", "event=10015", "event=10018",
        "event=10020", "event=10004"), ids);
    assertTrue(lines.get(3).startsWith("event=10018 level=info admpwd=13 msg=\"LAPS successfully"
        + " updated Active Directory with the new password (CN=PC1,OU=Computers,DC=example,"
        + "DC=com, verified by reading back the password)\""), lines.get(3));
    String password = accounts.passwords.get(ACCOUNT);
    assertTrue(lines.stream().noneMatch(l -> l.contains(password)), "no password in the log");
  }

  @Test
  void notDueReportsDaysLeftAndWritesNothing() {
    directory.passwords.put(AttributeFamily.LEGACY, "p");
    directory.expiries.put(AttributeFamily.LEGACY, FileTime.of(START.plus(Duration.ofDays(3))));
    accounts.passwords.put(ACCOUNT, "p");
    CycleOutcome outcome = cycle(Checkpoint.NONE, 1).run(managed(AttributeFamily.LEGACY), false,
        false);
    assertEquals(CycleOutcome.Status.NOT_DUE, outcome.status());
    assertEquals("days to change: 3", outcome.summary());
    assertEquals(0, directory.writes);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10016 level=info admpwd=11 ")));
  }

  @Test
  void dryRunWritesNothing() {
    expiredStart(AttributeFamily.WINDOWS);
    CycleOutcome outcome = cycle(Checkpoint.NONE, 1).run(managed(AttributeFamily.WINDOWS), false,
        true);
    assertEquals(CycleOutcome.Status.DRY_RUN, outcome.status());
    assertEquals(0, directory.writes);
    assertEquals(0, accounts.sets);
    assertTrue(journal.recorded.isEmpty());
  }

  @Test
  void directoryDownMeansNoLocalChange() {
    expiredStart(AttributeFamily.LEGACY);
    directory.down = true;
    CycleOutcome outcome = cycle(Checkpoint.NONE, 1).run(managed(AttributeFamily.LEGACY), false,
        false);
    assertEquals(CycleOutcome.Status.FAILED, outcome.status());
    assertEquals(PortException.Kind.DIRECTORY_UNREACHABLE, outcome.failure().orElseThrow());
    assertEquals("initial-0", accounts.passwords.get(ACCOUNT));
    assertEquals(0, accounts.sets);
    assertTrue(lines.contains("event=10057 level=error admpwd=2 msg=\"cannot reach"
        + " ldap://dc.example.com:389: Connection refused; no local change was made\""), lines.toString());
  }

  @Test
  void deniedWriteIsEvent10065InLegacyModeAndLeavesTheAccountAlone() {
    expiredStart(AttributeFamily.LEGACY);
    directory.writeFailures = 1;
    CycleOutcome outcome = cycle(Checkpoint.NONE, 1).run(managed(AttributeFamily.LEGACY), false,
        false);
    assertEquals(PortException.Kind.DIRECTORY_DENIED, outcome.failure().orElseThrow());
    assertEquals(0, accounts.sets);
    assertNull(journal.pending, "a write proved not applied leaves no journal");
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10065 level=error admpwd=7 ")));
  }

  @Test
  void transientLocalFailureIsRetriedWithinTheCycle() {
    expiredStart(AttributeFamily.LEGACY);
    accounts.failures = RotationCycle.LOCAL_ATTEMPTS - 1;
    assertEquals(CycleOutcome.Status.ROTATED, cycle(Checkpoint.NONE, 1)
        .run(managed(AttributeFamily.LEGACY), false, false).status());
    assertStoredPasswordWorks(AttributeFamily.LEGACY);
  }

  @Test
  void persistentLocalFailureRestoresTheKnownPreviousPassword() {
    expiredStart(AttributeFamily.WINDOWS);
    accounts.failures = RotationCycle.LOCAL_ATTEMPTS;
    CycleOutcome outcome = cycle(Checkpoint.NONE, 1).run(managed(AttributeFamily.WINDOWS),
        false, false);
    assertEquals(PortException.Kind.LOCAL_FAILED, outcome.failure().orElseThrow());
    assertEquals("initial-0", directory.passwords.get(AttributeFamily.WINDOWS));
    assertStoredPasswordWorks(AttributeFamily.WINDOWS);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=19004 ")));
    // It expires now, so the next cycle tries again.
    assertTrue(cycle(Checkpoint.NONE, 2).run(managed(AttributeFamily.WINDOWS), false, false)
        .status() == CycleOutcome.Status.ROTATED);
    assertStoredPasswordWorks(AttributeFamily.WINDOWS);
  }

  @Test
  void persistentLocalFailureWithAnUnreadablePasswordRetriesTheSamePasswordNextCycle() {
    expiredStart(AttributeFamily.LEGACY);
    directory.passwordReadable = false;
    accounts.failures = RotationCycle.LOCAL_ATTEMPTS;
    cycle(Checkpoint.NONE, 1).run(managed(AttributeFamily.LEGACY), false, false);
    String stored = directory.passwords.get(AttributeFamily.LEGACY);
    assertEquals(Intent.Phase.CONFIRMED, journal.pending.phase());
    directory.down = true; // the retry needs no directory: it was confirmed
    assertEquals(CycleOutcome.Status.FAILED, cycle(Checkpoint.NONE, 2)
        .run(managed(AttributeFamily.LEGACY), false, false).status());
    assertEquals(stored, accounts.passwords.get(ACCOUNT), "the same password, set offline");
    assertNull(journal.pending);
  }

  @Test
  void missingOrLockedAccountStopsBeforeTheDirectory() {
    directory.expiries.put(AttributeFamily.LEGACY, FileTime.ZERO);
    CycleOutcome missing = cycle(Checkpoint.NONE, 1).run(managed(AttributeFamily.LEGACY), false,
        false);
    assertEquals(PortException.Kind.ACCOUNT_MISSING, missing.failure().orElseThrow());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10013 level=error admpwd=3 ")));
    accounts.passwords.put(ACCOUNT, "x");
    accounts.locked = true;
    assertEquals(PortException.Kind.ACCOUNT_LOCKED, cycle(Checkpoint.NONE, 1)
        .run(managed(AttributeFamily.LEGACY), false, false).failure().orElseThrow());
    assertEquals(0, directory.writes);
  }

  @Test
  void refusedAndUnmanagedPlansChangeNothing() {
    expiredStart(AttributeFamily.LEGACY);
    String why = new PublishedKey.NotGiven().refusal("", START).orElseThrow();
    CycleOutcome refused = cycle(Checkpoint.NONE, 1).run(new AgentTarget.Refused(why), false,
        false);
    assertEquals(CycleOutcome.Status.REFUSED, refused.status());
    assertEquals(why, refused.summary());
    assertEquals(CycleOutcome.Status.UNMANAGED, cycle(Checkpoint.NONE, 1).run(
        new AgentTarget.Unmanaged("no LAPS policy"), false, false).status());
    assertEquals(0, directory.writes);
    assertEquals(0, accounts.sets);
  }

  @Test
  void concurrentAdminResetAfterOurWriteLeadsToAnotherRotationNextCycle() {
    expiredStart(AttributeFamily.LEGACY);
    directory.passwordReadable = false;
    directory.afterWrite = () -> directory.expiries.put(AttributeFamily.LEGACY, FileTime.ZERO);
    CycleOutcome first = cycle(Checkpoint.NONE, 1).run(managed(AttributeFamily.LEGACY), false,
        false);
    // The read-back no longer shows our expiry: the local password stays untouched.
    assertEquals(CycleOutcome.Status.FAILED, first.status());
    assertEquals("initial-0", accounts.passwords.get(ACCOUNT));
    directory.afterWrite = () -> { };
    CycleOutcome second = cycle(Checkpoint.NONE, 2).run(managed(AttributeFamily.LEGACY), false,
        false);
    assertEquals(CycleOutcome.Status.ROTATED, second.status());
    assertStoredPasswordWorks(AttributeFamily.LEGACY);
  }

  @Test
  void postAuthenticationResetEndsSessionsForAction3() {
    directory.passwords.put(AttributeFamily.WINDOWS, "p");
    directory.expiries.put(AttributeFamily.WINDOWS, FileTime.of(START.plus(Duration.ofDays(9))));
    accounts.passwords.put(ACCOUNT, "p");
    journal.last.put(AttributeFamily.WINDOWS, new LastRotation(AttributeFamily.WINDOWS, ACCOUNT,
        directory.expiries.get(AttributeFamily.WINDOWS), START.minus(Duration.ofDays(21))));
    journal.logins.put(ACCOUNT, START.minus(Duration.ofHours(3)));
    AgentTarget target = new AgentTarget(AttributeFamily.WINDOWS,
        new ManagedAccount.Named(ACCOUNT), 30, 4, 14, true, 2, 3);
    CycleOutcome outcome = cycle(Checkpoint.NONE, 1).run(
        new AgentTarget.Managed(target, target.describe()), false, false);
    assertEquals(CycleOutcome.Status.ROTATED, outcome.status());
    assertEquals(List.of(ACCOUNT), accounts.terminated);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10042 ")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10044 ")));
    // The login is now older than the rotation: nothing more to do.
    assertFalse(cycle(Checkpoint.NONE, 2).run(new AgentTarget.Managed(target, ""), false, false)
        .status() == CycleOutcome.Status.ROTATED);
  }

  static Stream<Arguments> crashCases() {
    List<Arguments> cases = new ArrayList<>();
    for (AttributeFamily family : AttributeFamily.values()) {
      for (boolean readable : new boolean[] {true, false}) {
        for (Checkpoint.Step step : Checkpoint.Step.values()) {
          for (boolean adminResetWhileDown : new boolean[] {false, true}) {
            cases.add(Arguments.of(family, readable, step, adminResetWhileDown));
          }
        }
      }
    }
    return cases.stream();
  }

  /**
   * Kill at every step (simulated in-process; the IT suite kills real processes): after a
   * restart the directory's password is the account's, whether or not an administrator reset
   * the expiry while the agent was down, and however the crash and the reads interleave.
   */
  @ParameterizedTest(name = "{0} readable={1} crash after {2} adminReset={3}")
  @MethodSource("crashCases")
  void noPasswordIsLostWhereverTheCycleDies(AttributeFamily family, boolean readable,
      Checkpoint.Step step, boolean adminReset) {
    for (long seed = 0; seed < 25; seed++) {
      Fakes.Directory dir = new Fakes.Directory();
      Fakes.Accounts acc = new Fakes.Accounts();
      Fakes.MemoryJournal jr = new Fakes.MemoryJournal();
      dir.passwordReadable = readable;
      dir.passwords.put(family, "initial-" + seed);
      dir.expiries.put(family, FileTime.ZERO);
      acc.passwords.put(ACCOUNT, "initial-" + seed);
      SplittableRandom random = new SplittableRandom(seed);
      RotationCycle dying = new RotationCycle(dir.connector(), acc, jr,
          new PasswordGenerator(random), clock, line -> { }, s -> {
            if (s == step) {
              throw new Fakes.Crash(s);
            }
          });
      assertThrows(Fakes.Crash.class, () -> dying.run(managed(family), false, false));
      if (adminReset) {
        dir.expiries.put(family, FileTime.ZERO);
      }
      clock.advance(Duration.ofMinutes(random.nextInt(1, 120)));
      RotationCycle restarted = new RotationCycle(dir.connector(), acc, jr,
          new PasswordGenerator(random), clock, line -> { }, Checkpoint.NONE);
      CycleOutcome outcome = restarted.run(managed(family), false, false);
      assertTrue(outcome.status().success(), outcome.summary());
      assertNull(jr.pending, "the journal is settled after a good cycle");
      assertEquals(dir.passwords.get(family), acc.passwords.get(ACCOUNT),
          "seed " + seed + ": the stored password must work");
    }
  }
}
