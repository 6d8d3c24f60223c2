package io.lapsbridge.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lapsbridge} command: one executable, verb-first subcommands. */
@Command(
    name = "lapsbridge",
    mixinStandardHelpOptions = true,
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
      CommandLine.HelpCommand.class
    })
public final class Lapsbridge implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs one command line and returns the process exit status. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine(out, err);
    return commandLine.execute(args);
  }

  /** The configured picocli tree, shared by {@link #run} and the help-reference test. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Lapsbridge());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    commandLine.setParameterExceptionHandler(ErrorReporter::usageError);
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
