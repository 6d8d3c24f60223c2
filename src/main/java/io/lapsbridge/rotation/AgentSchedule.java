package io.lapsbridge.rotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The agent's cadence ({@code agent run}): a cycle at once, then one every interval plus a random
 * jitter, and one at once when the policy inputs change, as a Group Policy notification would
 * trigger. Time, waiting and randomness are injected, so that many cycles run in a test without
 * a real second passing.
 *
 * <p>There is no error back-off: a failed cycle waits the ordinary interval, as Windows LAPS
 * does, because a shorter retry would only add load to a directory that is already failing.
 */
public final class AgentSchedule {
  /** How often the policy inputs are looked at while waiting. */
  public static final Duration POLICY_POLL = Duration.ofMinutes(1);

  /** Waits for a while; production sleeps the thread, a test advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** The production sleeper: the calling thread sleeps. */
    static Sleeper ofThread() {
      return duration -> Thread.sleep(duration.toMillis());
    }
  }

  /**
   * How often cycles run.
   *
   * @param interval the least time between two cycles; at least one minute
   * @param jitter up to this much is added at random to each wait, so that devices do not all
   *     write at once; zero for none
   */
  public record Cadence(Duration interval, Duration jitter) {
    public Cadence {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(jitter, "jitter");
      if (interval.compareTo(Duration.ofMinutes(1)) < 0 || jitter.isNegative()) {
        throw new IllegalArgumentException("the interval must be at least one minute and the"
            + " jitter not negative");
      }
    }
  }

  private final Cadence cadence;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  public AgentSchedule(Cadence cadence, Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.cadence = Objects.requireNonNull(cadence, "cadence");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Runs cycles until {@code limit} have run, and returns the last one's result.
   *
   * <p>A failure of the first cycle is thrown: the configuration is wrong from the start, and
   * the caller reports it as {@code run-once} would. A later failure (say a policy file broken
   * while the agent runs) goes to {@code onLaterFailure}, whose result stands for the cycle, and
   * the agent carries on.
   *
   * @param cycle one rotation cycle
   * @param onLaterFailure reports a failure after the first cycle and turns it into a result
   * @param policyStamp changes whenever a policy input changes
   * @param limit how many cycles to run; {@link Long#MAX_VALUE} for as long as the process lives
   */
  public <R> R run(Supplier<R> cycle, Function<RuntimeException, R> onLaterFailure,
      Supplier<String> policyStamp, long limit) throws InterruptedException {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one cycle: " + limit);
    }
    for (long cycles = 0; ; ) {
      String stamp = policyStamp.get();
      R result;
      try {
        result = cycle.get();
      } catch (RuntimeException e) {
        if (cycles == 0) {
          throw e;
        }
        result = onLaterFailure.apply(e);
      }
      if (++cycles >= limit) {
        return result;
      }
      waitForNextCycle(stamp, policyStamp);
    }
  }

  /** The wait after one cycle: interval plus jitter, ended early by a policy change. */
  Duration nextWait() {
    long jitterMillis = cadence.jitter().toMillis();
    return cadence.interval().plusMillis(jitterMillis == 0 ? 0 : random.nextLong(jitterMillis));
  }

  private void waitForNextCycle(String stamp, Supplier<String> policyStamp)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(nextWait());
    for (Instant now = clock.instant();
        now.isBefore(deadline) && stamp.equals(policyStamp.get()); now = clock.instant()) {
      Duration left = Duration.between(now, deadline);
      sleeper.sleep(left.compareTo(POLICY_POLL) < 0 ? left : POLICY_POLL);
    }
  }
}
