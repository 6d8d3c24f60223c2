package io.lapsbridge.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lapsbridge} command: one executable, verb-first subcommands. */
@Command(
    name = "lapsbridge",
    versionProvider = VersionProvider.class,
    description = "Read, rotate, audit and migrate legacy Microsoft LAPS and Windows LAPS passwords.",
    subcommands = {
      GetPasswordCommand.class,
      ResetPasswordCommand.class,
      SchemaCommand.class,
      DemoCommand.class,
      PolicyCommand.class,
      KdsCommand.class,
      DecryptCommand.class,
      AgentCommand.class,
      PermissionsCommand.class,
      InventoryCommand.class,
      MigrateCommand.class,
      ShellCommand.class,
      DoctorCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Lapsbridge implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs one command line and returns the process exit status. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(CommandFactory.system(), out, err, args);
  }

  /**
   * Runs one command line over {@code environment} instead of the process's ({@code
   * LAPSBRIDGE_*}, {@code KRB5CCNAME}, {@code KRB5_CONFIG}), as a test of another package needs.
   */
  public static int run(java.util.Map<String, String> environment, PrintWriter out,
      PrintWriter err, String... args) {
    return run(new CommandFactory(environment, io.lapsbridge.agent.AgentRuntime.system()), out,
        err, args);
  }

  /** Runs one command line with the collaborators {@code factory} builds (tests pass fakes). */
  static int run(CommandLine.IFactory factory, PrintWriter out, PrintWriter err,
      String... args) {
    CommandLine tree = args.length > 0 ? onlyCommand(args[0], factory) : null;
    return configure(tree != null ? tree : fullTree(factory), out, err).execute(args);
  }

  /** The configured picocli tree, shared by {@link #run} and the help-reference test. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return configure(fullTree(CommandFactory.system()), out, err);
  }

  private static CommandLine fullTree(CommandLine.IFactory factory) {
    return withHelpEverywhere(new CommandLine(new Lapsbridge(), factory));
  }

  /**
   * Gives every command of the tree {@code --help}/{@code -h} and {@code --version}/{@code -V}.
   * This is the one place they are declared, so a command added later cannot lack them (#13
   * item 9: half of the command paths had none, and answered {@code --help} with a usage error).
   */
  static CommandLine withHelpEverywhere(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getSubcommands().values().stream().distinct()
        .forEach(Lapsbridge::withHelpEverywhere);
    return command;
  }

  /**
   * A tree holding only the command named {@code name}, or null if there is none (then the
   * full tree parses, and reports an unknown command with its suggestions). picocli builds a
   * model of every command it is given, by reflection; building one instead of all of them
   * takes about 0.1 s off every run's start-up. The command behaves the same either way, as
   * {@code LapsbridgeTreeTest} checks.
   */
  static CommandLine onlyCommand(String name, CommandLine.IFactory factory) {
    for (Class<?> type : Lapsbridge.class.getAnnotation(Command.class).subcommands()) {
      Command command = type.getAnnotation(Command.class);
      if (type != CommandLine.HelpCommand.class && command != null
          && command.name().equals(name)) {
        CommandLine root = new CommandLine(new Root(), factory);
        root.addSubcommand(name, new CommandLine(type, factory));
        return withHelpEverywhere(root);
      }
    }
    return null;
  }

  private static CommandLine configure(CommandLine commandLine, PrintWriter out,
      PrintWriter err) {
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(ErrorReporter::usageError);
    return commandLine;
  }

  /** The root without its subcommands, for {@link #onlyCommand}. */
  @Command(name = "lapsbridge",
      versionProvider = VersionProvider.class)
  static final class Root implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("only reached with a subcommand");
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
