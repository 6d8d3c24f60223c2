package io.lapsbridge.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The agent's cadence over many simulated cycles: a fake clock, no real sleeping. */
class AgentScheduleTest {
  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  /** A clock the sleeper moves forward; every sleep is recorded. */
  private static final class FakeTime extends Clock {
    Instant now = START;
    final List<Duration> sleeps = new ArrayList<>();

    void sleep(Duration duration) {
      assertTrue(!duration.isNegative() && !duration.isZero(), "sleeps " + duration);
      sleeps.add(duration);
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private static AgentSchedule schedule(FakeTime time, Duration jitter, long seed) {
    return new AgentSchedule(new AgentSchedule.Cadence(HOUR, jitter), time, time::sleep,
        new SplittableRandom(seed));
  }

  @Test
  void twoHundredCyclesWaitTheIntervalPlusAJitterWithinBounds() throws Exception {
    FakeTime time = new FakeTime();
    List<Instant> starts = new ArrayList<>();
    int result = schedule(time, TEN_MINUTES, 7).run(() -> {
      starts.add(time.instant());
      return starts.size();
    }, e -> -1, () -> "unchanged", 200);

    assertEquals(200, result, "returns the last cycle's result");
    assertEquals(200, starts.size());
    assertEquals(START, starts.get(0), "the first cycle runs at once");
    Set<Duration> jitters = new HashSet<>();
    for (int i = 1; i < starts.size(); i++) {
      Duration jitter = Duration.between(starts.get(i - 1), starts.get(i)).minus(HOUR);
      assertTrue(!jitter.isNegative() && jitter.compareTo(TEN_MINUTES) < 0,
          "cycle " + i + " waited the hour plus " + jitter);
      jitters.add(jitter);
    }
    // Spread, not a constant: a jitter that is always 0 (or always the same) fails here.
    assertTrue(jitters.size() > 190, "distinct jitters: " + jitters.size());
    Duration shortest = jitters.stream().min(Duration::compareTo).orElseThrow();
    Duration longest = jitters.stream().max(Duration::compareTo).orElseThrow();
    assertTrue(shortest.compareTo(Duration.ofMinutes(1)) < 0, "low end reached: " + shortest);
    assertTrue(longest.compareTo(Duration.ofMinutes(9)) > 0, "high end reached: " + longest);
    // The policy is polled once a minute while waiting, never in longer sleeps.
    assertTrue(time.sleeps.stream().allMatch(d -> d.compareTo(AgentSchedule.POLICY_POLL) <= 0));
  }

  @Test
  void withoutJitterEveryWaitIsExactlyTheInterval() throws Exception {
    FakeTime time = new FakeTime();
    List<Instant> starts = new ArrayList<>();
    schedule(time, Duration.ZERO, 1).run(() -> starts.add(time.instant()), e -> false,
        () -> "unchanged", 120);
    for (int i = 0; i < starts.size(); i++) {
      assertEquals(START.plus(HOUR.multipliedBy(i)), starts.get(i), "cycle " + i);
    }
  }

  @Test
  void aPolicyChangeWakesItWithinAMinuteEveryTime() throws Exception {
    FakeTime time = new FakeTime();
    // The policy file changes every 25 minutes, well inside each hour's wait.
    Duration every = Duration.ofMinutes(25);
    List<Instant> starts = new ArrayList<>();
    schedule(time, TEN_MINUTES, 3).run(() -> starts.add(time.instant()), e -> false,
        () -> "generation " + Duration.between(START, time.instant()).dividedBy(every),
        150);

    assertEquals(150, starts.size());
    for (int i = 1; i < starts.size(); i++) {
      long changeBefore = Duration.between(START, starts.get(i - 1)).dividedBy(every) + 1;
      Instant change = START.plus(every.multipliedBy(changeBefore));
      Duration late = Duration.between(change, starts.get(i));
      assertTrue(!late.isNegative() && late.compareTo(AgentSchedule.POLICY_POLL) <= 0,
          "cycle " + i + " ran " + late + " after the change at " + change);
    }
  }

  @Test
  void aChangeLaterInTheRunWakesItOnceThenTheHourlyCadenceResumes() throws Exception {
    FakeTime time = new FakeTime();
    Instant edit = START.plus(Duration.ofHours(50)).plusSeconds(17 * 60 + 30);
    List<Instant> starts = new ArrayList<>();
    schedule(time, Duration.ZERO, 1).run(() -> starts.add(time.instant()), e -> false,
        () -> time.instant().isBefore(edit) ? "old" : "new", 110);

    assertEquals(110, starts.size());
    int woken = 51;
    assertEquals(START.plus(Duration.ofHours(50)), starts.get(woken - 1));
    // Polled every minute from the top of hour 50: the 18th poll sees the edit at 17:30.
    assertEquals(START.plus(Duration.ofHours(50)).plus(Duration.ofMinutes(18)),
        starts.get(woken), "woken early by the change");
    for (int i = woken + 1; i < starts.size(); i++) {
      assertEquals(HOUR, Duration.between(starts.get(i - 1), starts.get(i)), "cycle " + i);
    }
  }

  @Test
  void laterFailuresAreReportedAndTheCadenceIsKeptWithoutBackOff() throws Exception {
    FakeTime time = new FakeTime();
    List<Instant> starts = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    String last = schedule(time, Duration.ZERO, 1).run(() -> {
      starts.add(time.instant());
      if (starts.size() % 3 == 0) {
        throw new IllegalStateException("broken policy " + starts.size());
      }
      return "ok " + starts.size();
    }, e -> {
      reported.add(e.getMessage());
      return "failed";
    }, () -> "unchanged", 150);

    assertEquals("failed", last, "the 150th cycle failed, and its report stands for it");
    assertEquals(50, reported.size());
    assertEquals("broken policy 3", reported.get(0));
    for (int i = 1; i < starts.size(); i++) {
      assertEquals(HOUR, Duration.between(starts.get(i - 1), starts.get(i)),
          "no back-off and no hurry after a failure, cycle " + i);
    }
  }

  @Test
  void aFailingFirstCycleIsThrownAndNothingWaits() {
    FakeTime time = new FakeTime();
    IllegalStateException wrong = new IllegalStateException("no policy");
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> schedule(time, TEN_MINUTES, 1).run(() -> {
          throw wrong;
        }, e -> "swallowed", () -> "unchanged", 100));
    assertSame(wrong, thrown);
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void cadenceRefusesAnIntervalUnderAMinuteAndANegativeJitter() {
    assertThrows(IllegalArgumentException.class,
        () -> new AgentSchedule.Cadence(Duration.ofSeconds(59), Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new AgentSchedule.Cadence(HOUR, Duration.ofMinutes(-1)));
  }
}
