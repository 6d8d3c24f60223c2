package io.lapsbridge.agent;

import io.lapsbridge.platform.linux.LinuxAccounts;
import io.lapsbridge.platform.linux.WtmpLogins;
import io.lapsbridge.platform.windows.WindowsAccounts;
import io.lapsbridge.platform.windows.WindowsRegistryPolicySource;
import io.lapsbridge.rotation.AgentSchedule;
import io.lapsbridge.rotation.LocalAccountPort;
import io.lapsbridge.rotation.LoginSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What the agent runs on, and what a test replaces: the local-account adapter, the clock, the
 * sleeper and the jitter's randomness of {@code agent run}, and how many cycles it runs before it
 * returns (unbounded in production; one in a test).
 *
 * @param accounts opens the local-account adapter
 * @param clock the time the cycle and the schedule read
 * @param sleeper how {@code agent run} waits between cycles
 * @param random the jitter's randomness
 * @param cycleLimit how many cycles {@code agent run} runs; {@link Long#MAX_VALUE} for ever
 * @param logins the device's login records (wtmp on Linux), beside the PAM hook's
 */
public record AgentRuntime(LocalAccounts accounts, Clock clock, AgentSchedule.Sleeper sleeper,
    RandomGenerator random, long cycleLimit, LoginSource logins) {
  public AgentRuntime {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(logins, "logins");
  }

  /** Without login records: only the PAM hook's count. */
  public AgentRuntime(LocalAccounts accounts, Clock clock, AgentSchedule.Sleeper sleeper,
      RandomGenerator random, long cycleLimit) {
    this(accounts, clock, sleeper, random, cycleLimit, LoginSource.NONE);
  }

  /** Opens this device's local accounts. */
  @FunctionalInterface
  public interface LocalAccounts {
    /**
     * Opens the accounts.
     *
     * @param firstUid0Account on Linux, manage the first UID-0 account other than root
     *     ({@code --account @uid0}) in place of the built-in Administrator
     */
    LocalAccountPort open(boolean firstUid0Account);
  }

  /** The real device: its accounts, the system clock, real sleeps, and for ever. */
  public static AgentRuntime system() {
    return new AgentRuntime(AgentRuntime::systemAccounts, Clock.systemUTC(),
        AgentSchedule.Sleeper.ofThread(), new SecureRandom(), Long.MAX_VALUE,
        WindowsRegistryPolicySource.supported() ? LoginSource.NONE : WtmpLogins.system());
  }

  private static LocalAccountPort systemAccounts(boolean firstUid0Account) {
    if (WindowsRegistryPolicySource.supported()) {
      return WindowsAccounts.open();
    }
    return LinuxAccounts.system(firstUid0Account);
  }
}
