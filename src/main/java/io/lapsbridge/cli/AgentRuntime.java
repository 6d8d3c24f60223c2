package io.lapsbridge.cli;

import io.lapsbridge.platform.linux.LinuxAccounts;
import io.lapsbridge.platform.windows.WindowsAccounts;
import io.lapsbridge.platform.windows.WindowsRegistryPolicySource;
import io.lapsbridge.rotation.AgentSchedule;
import io.lapsbridge.rotation.LocalAccountPort;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * What the agent's commands run on, injected through {@link CommandFactory}: the local-account
 * adapter, the clock, the sleeper and the jitter's randomness of {@code agent run}, and how many
 * cycles it runs before it returns (unbounded in production; one in a test).
 *
 * @param accounts chooses the local-account adapter for the parsed options
 * @param clock the time the cycle and the schedule read
 * @param sleeper how {@code agent run} waits between cycles
 * @param random the jitter's randomness
 * @param cycleLimit how many cycles {@code agent run} runs; {@link Long#MAX_VALUE} for ever
 */
record AgentRuntime(Function<AgentCommand.Options, LocalAccountPort> accounts, Clock clock,
    AgentSchedule.Sleeper sleeper, RandomGenerator random, long cycleLimit) {
  AgentRuntime {
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(random, "random");
  }

  static AgentRuntime system() {
    return new AgentRuntime(AgentRuntime::systemAccounts, Clock.systemUTC(),
        AgentSchedule.Sleeper.ofThread(), new SecureRandom(), Long.MAX_VALUE);
  }

  private static LocalAccountPort systemAccounts(AgentCommand.Options options) {
    if (WindowsRegistryPolicySource.supported()) {
      return WindowsAccounts.open();
    }
    return LinuxAccounts.system(options.uid0());
  }
}
