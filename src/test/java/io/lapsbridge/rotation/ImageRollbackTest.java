package io.lapsbridge.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.policy.ManagedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code msLAPS-CurrentPasswordVersion}: a fresh GUID with each password, kept locally, compared
 * every cycle; a device restored from an image (its local record rolled back) rotates.
 */
class ImageRollbackTest {
  static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
  static final String ACCOUNT = "lapsadmin";

  final Fakes.Directory directory = new Fakes.Directory();
  final Fakes.Accounts accounts = new Fakes.Accounts();
  final Fakes.MemoryJournal journal = new Fakes.MemoryJournal();
  final Fakes.TickingClock clock = new Fakes.TickingClock(START);
  final List<String> lines = new ArrayList<>();

  RotationCycle cycle(long seed) {
    return new RotationCycle(directory.connector(), accounts, journal,
        new PasswordGenerator(new SplittableRandom(seed)), clock, lines::add, Checkpoint.NONE,
        new SplittableRandom(seed + 1000), LoginSource.NONE);
  }

  static AgentTarget.Resolution managed(AttributeFamily family) {
    AgentTarget target = new AgentTarget(family, new ManagedAccount.Named(ACCOUNT), 30, 4, 14,
        true, 0, 1);
    return new AgentTarget.Managed(target, target.describe());
  }

  @Test
  void eachRotationWritesANewVersionAndKeepsItLocally() {
    accounts.passwords.put(ACCOUNT, "initial");
    cycle(1).run(managed(AttributeFamily.WINDOWS), false, false);
    UUID first = directory.versions.get(AttributeFamily.WINDOWS);
    assertEquals(4, first.version(), "a random GUID");
    assertEquals(first, journal.last.get(AttributeFamily.WINDOWS).version().orElseThrow());
    cycle(2).run(managed(AttributeFamily.WINDOWS), true, false);
    UUID second = directory.versions.get(AttributeFamily.WINDOWS);
    assertNotEquals(first, second);
    assertEquals(second, journal.last.get(AttributeFamily.WINDOWS).version().orElseThrow());
  }

  @Test
  void restoredFromImageTheAgentRotatesOnItsNextCycle() {
    accounts.passwords.put(ACCOUNT, "initial");
    cycle(3).run(managed(AttributeFamily.WINDOWS), false, false);
    // The image is taken now: the local state and the account's password as they are.
    LastRotation imageState = journal.last.get(AttributeFamily.WINDOWS);
    String imagePassword = accounts.passwords.get(ACCOUNT);
    clock.advance(Duration.ofDays(3));
    cycle(4).run(managed(AttributeFamily.WINDOWS), true, false);
    // Restored from the image: the directory holds a newer password and version.
    journal.last.put(AttributeFamily.WINDOWS, imageState);
    accounts.passwords.put(ACCOUNT, imagePassword);
    clock.advance(Duration.ofHours(1));
    lines.clear();

    CycleOutcome outcome = cycle(5).run(managed(AttributeFamily.WINDOWS), false, false);

    assertEquals(CycleOutcome.Status.ROTATED, outcome.status(), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=10015 ")
        && l.contains("msLAPS-CurrentPasswordVersion differs from the version this device"
            + " recorded")), lines.toString());
    assertEquals(directory.passwords.get(AttributeFamily.WINDOWS), accounts.passwords.get(ACCOUNT),
        "the directory's password works again");
    assertEquals(directory.versions.get(AttributeFamily.WINDOWS),
        journal.last.get(AttributeFamily.WINDOWS).version().orElseThrow());
    lines.clear();
    assertEquals(CycleOutcome.Status.NOT_DUE,
        cycle(6).run(managed(AttributeFamily.WINDOWS), false, false).status(), lines.toString());
  }

  @Test
  void withoutTheAttributeInTheSchemaNothingIsWrittenAndNothingCompared() {
    directory.versioned = false;
    accounts.passwords.put(ACCOUNT, "initial");
    assertEquals(CycleOutcome.Status.ROTATED,
        cycle(7).run(managed(AttributeFamily.WINDOWS), false, false).status(), lines.toString());
    assertTrue(directory.versions.isEmpty());
    assertTrue(journal.last.get(AttributeFamily.WINDOWS).version().isEmpty());
    assertEquals(CycleOutcome.Status.NOT_DUE,
        cycle(8).run(managed(AttributeFamily.WINDOWS), false, false).status());
  }

  @Test
  void theLegacyFamilyHasNoVersion() {
    accounts.passwords.put(ACCOUNT, "initial");
    assertEquals(CycleOutcome.Status.ROTATED,
        cycle(9).run(managed(AttributeFamily.LEGACY), false, false).status(), lines.toString());
    assertTrue(directory.versions.isEmpty());
  }

  @Test
  void aVersionTheBindCannotReadIsNoRollback() {
    accounts.passwords.put(ACCOUNT, "initial");
    cycle(10).run(managed(AttributeFamily.WINDOWS), false, false);
    directory.versions.clear(); // as a bind without read access sees it
    assertEquals(CycleOutcome.Status.NOT_DUE,
        cycle(11).run(managed(AttributeFamily.WINDOWS), false, false).status(), lines.toString());
  }
}
