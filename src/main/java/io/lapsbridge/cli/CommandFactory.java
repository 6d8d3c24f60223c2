package io.lapsbridge.cli;

import io.lapsbridge.agent.AgentRuntime;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the commands and mixins that take collaborators through their constructors: the
 * process environment for {@link ConnectionOptions}, and the agent's local accounts, clock and
 * sleeper. Tests pass their own; everything else comes from picocli's default factory.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final Map<String, String> environment;
  private final AgentRuntime agent;

  CommandFactory(Map<String, String> environment, AgentRuntime agent) {
    this.environment = Map.copyOf(environment);
    this.agent = agent;
  }

  /** The real process: its environment and its local accounts. */
  static CommandFactory system() {
    return new CommandFactory(System.getenv(), AgentRuntime.system());
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    if (type == ConnectionOptions.class) {
      return type.cast(new ConnectionOptions(environment));
    }
    if (type == EntraOptions.class) {
      return type.cast(new EntraOptions(environment));
    }
    if (type == AgentCommand.RunOnce.class) {
      return type.cast(new AgentCommand.RunOnce(agent));
    }
    if (type == AgentCommand.Run.class) {
      return type.cast(new AgentCommand.Run(agent));
    }
    return CommandLine.defaultFactory().create(type);
  }
}
