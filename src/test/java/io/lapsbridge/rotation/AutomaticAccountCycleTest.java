package io.lapsbridge.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.policy.ManagedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Automatic account management (Windows LAPS 2025 settings) through the crash-safe cycle. */
class AutomaticAccountCycleTest {
  static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
  static final AttributeFamily WINDOWS = AttributeFamily.WINDOWS;

  final Fakes.Directory directory = new Fakes.Directory();
  final Fakes.Accounts accounts = new Fakes.Accounts();
  final Fakes.MemoryJournal journal = new Fakes.MemoryJournal();
  final Fakes.TickingClock clock = new Fakes.TickingClock(START);
  final List<String> lines = new ArrayList<>();

  RotationCycle cycle(Checkpoint checkpoint, long seed) {
    return new RotationCycle(directory.connector(), accounts, journal,
        new PasswordGenerator(new SplittableRandom(seed)), clock, lines::add, checkpoint,
        new SplittableRandom(seed + 100), LoginSource.NONE);
  }

  static AgentTarget.Resolution automatic(String nameOrPrefix, boolean randomize,
      boolean enabled) {
    AgentTarget target = new AgentTarget(WINDOWS, new ManagedAccount.Automatic(false,
        nameOrPrefix, randomize, enabled), 30, 4, 14, true, 0, 1);
    return new AgentTarget.Managed(target, target.describe());
  }

  @Test
  void createsTheAccountThenWritesTheDirectoryThenGivesItThePassword() {
    List<String> order = new ArrayList<>();
    CycleOutcome outcome = cycle(step -> order.add(step + " " + accounts.calls), 1)
        .run(automatic("WLapsAdmin", false, false), false, false);
    assertEquals(CycleOutcome.Status.ROTATED, outcome.status(), lines.toString());
    assertEquals(List.of("create WLapsAdmin", "set WLapsAdmin", "disable WLapsAdmin"),
        accounts.calls);
    // Created before the directory write (so a useradd failure writes nothing), but with no
    // usable password until the directory has been read back holding the new one.
    assertEquals("INTENT_RECORDED [create WLapsAdmin]", order.get(0));
    assertEquals("CONFIRMED_RECORDED [create WLapsAdmin]", order.get(3));
    assertEquals("WLapsAdmin", directory.names.get(WINDOWS));
    assertEquals(directory.passwords.get(WINDOWS), accounts.passwords.get("WLapsAdmin"));
    assertEquals(false, accounts.enabled.get("WLapsAdmin"));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=19007 level=info msg=\"created"
        + " the managed local account 'WLapsAdmin' (automatic: new account \\\"WLapsAdmin\\\"")
        || l.startsWith("event=19007 level=info msg=\"created the managed local account"
        + " 'WLapsAdmin'")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10015 ")
        && l.contains("the managed account was just created")), lines.toString());

    // Maintained afterwards: not due, nothing created again.
    accounts.calls.clear();
    CycleOutcome again = cycle(Checkpoint.NONE, 2).run(automatic("WLapsAdmin", false, false),
        false, false);
    assertEquals(CycleOutcome.Status.NOT_DUE, again.status(), lines.toString());
    assertEquals(List.of(), accounts.calls);
  }

  @Test
  void aCrashAfterTheDirectoryWriteLeavesTheNewAccountWithoutAUsablePassword() {
    Checkpoint crash = step -> {
      if (step == Checkpoint.Step.DIRECTORY_READ_BACK) {
        throw new Fakes.Crash(step);
      }
    };
    assertThrows(Fakes.Crash.class,
        () -> cycle(crash, 3).run(automatic("WLapsAdmin", false, true), false, false));
    assertEquals("!", accounts.passwords.get("WLapsAdmin"), "no password before read-back");
    // The next cycle finishes the journal's rotation: the directory's password becomes the
    // account's, and the account is enabled as the policy says.
    CycleOutcome next = cycle(Checkpoint.NONE, 4).run(automatic("WLapsAdmin", false, true),
        false, false);
    assertTrue(next.status().success(), lines.toString());
    assertEquals(directory.passwords.get(WINDOWS), accounts.passwords.get("WLapsAdmin"));
    assertEquals(true, accounts.enabled.get("WLapsAdmin"));
  }

  @Test
  void aRandomizedNameIsDrawnAnewForEachRotationAndTheDirectoryLearnsIt() {
    AgentTarget.Resolution policy = automatic("VeryLongPrefixOfAdmins", true, true);
    assertEquals(CycleOutcome.Status.ROTATED, cycle(Checkpoint.NONE, 5).run(policy, false, false)
        .status(), lines.toString());
    String first = directory.names.get(WINDOWS);
    assertTrue(first.matches("VeryLongPrefix[0-9]{6}"), first); // prefix cut to 14, 20 in all
    assertEquals(List.of(first), List.copyOf(accounts.marked));
    assertEquals(directory.passwords.get(WINDOWS), accounts.passwords.get(first));

    assertEquals(CycleOutcome.Status.ROTATED, cycle(Checkpoint.NONE, 6).run(policy, true, false)
        .status(), lines.toString());
    String second = directory.names.get(WINDOWS);
    assertNotEquals(first, second);
    assertTrue(second.matches("VeryLongPrefix[0-9]{6}"), second);
    assertEquals(List.of(second), List.copyOf(accounts.marked), "renamed, not a second account");
    assertFalse(accounts.passwords.containsKey(first));
    assertEquals(directory.passwords.get(WINDOWS), accounts.passwords.get(second));
    assertTrue(accounts.calls.contains("rename " + first + " " + second), accounts.calls.toString());
  }

  @Test
  void aCrashBeforeTheRenameIsFinishedByTheNextCycle() {
    AgentTarget.Resolution policy = automatic("WLaps", true, true);
    cycle(Checkpoint.NONE, 7).run(policy, false, false);
    String first = directory.names.get(WINDOWS);
    Checkpoint crash = step -> {
      if (step == Checkpoint.Step.CONFIRMED_RECORDED) {
        throw new Fakes.Crash(step);
      }
    };
    assertThrows(Fakes.Crash.class, () -> cycle(crash, 8).run(policy, true, false));
    String second = directory.names.get(WINDOWS);
    assertTrue(accounts.passwords.containsKey(first), "not yet renamed");
    cycle(Checkpoint.NONE, 9).run(policy, false, false);
    assertEquals(List.of(second), List.copyOf(accounts.marked));
    assertEquals(directory.passwords.get(WINDOWS), accounts.passwords.get(second));
  }

  @Test
  void anAccountOfThatNameNotCreatedByTheAgentIsNotTakenOver() {
    accounts.passwords.put("WLapsAdmin", "someone's");
    CycleOutcome outcome = cycle(Checkpoint.NONE, 10).run(automatic("WLapsAdmin", false, true),
        false, false);
    assertEquals(CycleOutcome.Status.FAILED, outcome.status());
    assertEquals(0, directory.writes, "nothing written");
    assertEquals("someone's", accounts.passwords.get("WLapsAdmin"));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10013 ")
        && l.contains("was not created by this agent")), lines.toString());
  }

  @Test
  void aChangedConfiguredNameRenamesTheAccountWithARotation() {
    cycle(Checkpoint.NONE, 11).run(automatic("OldAdmin", false, true), false, false);
    CycleOutcome outcome = cycle(Checkpoint.NONE, 12).run(automatic("NewAdmin", false, true),
        false, false);
    assertEquals(CycleOutcome.Status.ROTATED, outcome.status(), lines.toString());
    assertEquals("NewAdmin", directory.names.get(WINDOWS));
    assertEquals(List.of("NewAdmin"), List.copyOf(accounts.marked));
    assertEquals(directory.passwords.get(WINDOWS), accounts.passwords.get("NewAdmin"));
  }

  @Test
  void aDryRunCreatesNothing() {
    CycleOutcome outcome = cycle(Checkpoint.NONE, 13).run(automatic("WLapsAdmin", false, true),
        false, true);
    assertEquals(CycleOutcome.Status.DRY_RUN, outcome.status());
    assertEquals(List.of(), accounts.calls);
    assertEquals(0, directory.writes);
    assertTrue(lines.stream().anyMatch(l -> l.contains("would create the managed account"
        + " 'WLapsAdmin'")), lines.toString());
  }

  @Test
  void loginRecordsStartThePostAuthenticationReset() {
    AgentTarget target = new AgentTarget(WINDOWS, new ManagedAccount.Automatic(false, "WLaps",
        false, true), 30, 4, 14, true, 2, 1);
    AgentTarget.Resolution policy = new AgentTarget.Managed(target, target.describe());
    List<Optional<Instant>> seen = new ArrayList<>(List.of(Optional.empty()));
    LoginSource records = account -> account.equals("WLaps") ? seen.get(0) : Optional.empty();
    RotationCycle cycle = new RotationCycle(directory.connector(), accounts, journal,
        new PasswordGenerator(new SplittableRandom(14)), clock, lines::add, Checkpoint.NONE,
        new SplittableRandom(15), records);
    assertEquals(CycleOutcome.Status.ROTATED, cycle.run(policy, false, false).status());
    clock.advance(Duration.ofHours(1));
    seen.set(0, Optional.of(clock.instant()));
    lines.clear();
    assertEquals(CycleOutcome.Status.NOT_DUE, cycle.run(policy, false, false).status());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10041 ")), lines.toString());
    clock.advance(Duration.ofHours(2));
    lines.clear();
    assertEquals(CycleOutcome.Status.ROTATED, cycle.run(policy, false, false).status());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10044 ")), lines.toString());
  }

  @Test
  void loginRecordsFromBeforeTheFirstRotationEndNoSessions() {
    AgentTarget target = new AgentTarget(WINDOWS, new ManagedAccount.Named("lapsadmin"), 30, 4,
        14, true, 2, 3);
    accounts.passwords.put("lapsadmin", "initial");
    LoginSource old = account -> Optional.of(START.minus(Duration.ofDays(40)));
    RotationCycle cycle = new RotationCycle(directory.connector(), accounts, journal,
        new PasswordGenerator(new SplittableRandom(18)), clock, lines::add, Checkpoint.NONE,
        new SplittableRandom(19), old);
    assertEquals(CycleOutcome.Status.ROTATED,
        cycle.run(new AgentTarget.Managed(target, ""), false, false).status());
    assertEquals(List.of(), accounts.terminated, "an old login is no post-authentication event");
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("event=10042 ")), lines.toString());
  }

  @Test
  void unreadableLoginRecordsAreReportedAndTheCycleGoesOn() {
    LoginSource broken = account -> {
      throw new PortException(PortException.Kind.LOCAL_FAILED, "cannot read /var/log/wtmp:"
          + " AccessDeniedException");
    };
    RotationCycle cycle = new RotationCycle(directory.connector(), accounts, journal,
        new PasswordGenerator(new SplittableRandom(16)), clock, lines::add, Checkpoint.NONE,
        new SplittableRandom(17), broken);
    assertEquals(CycleOutcome.Status.ROTATED,
        cycle.run(automatic("WLaps", false, true), false, false).status());
    clock.advance(Duration.ofDays(1));
    assertEquals(CycleOutcome.Status.NOT_DUE,
        cycle.run(automatic("WLaps", false, true), false, false).status());
    assertTrue(lines.contains("event=19008 level=warn msg=\"the login records could not be read,"
        + " so only the PAM hook's record counts: cannot read /var/log/wtmp:"
        + " AccessDeniedException\""), lines.toString());
  }
}
