package io.lapsbridge.cli;

import io.lapsbridge.config.Terminal;
import io.lapsbridge.directory.ComputerNameSearch;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.shell.NameCache;
import io.lapsbridge.shell.ShellConsole;
import io.lapsbridge.shell.ShellSession;
import io.lapsbridge.usecase.ComputerBatch;
import io.lapsbridge.usecase.KeySources;
import io.lapsbridge.usecase.LookUpPasswords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code shell}: one bind, then many queries at a prompt (or from stdin when it is no TTY). */
@Command(
    name = "shell",
    description = {
      "An interactive prompt over one directory connection: get NAME (as get-password), inventory,"
          + " reset NAME [--when TIME], help, exit; Tab completes computer names. Only get shows"
          + " passwords; the session keeps its command lines in memory and writes no history"
          + " file.",
      "When stdin is not a terminal, commands are read from it one per line, without a prompt"
          + " (for scripts); the exit status is 0 when every command succeeded, else that of the"
          + " last one that failed."
    })
final class ShellCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin MigrationOptions classification;

  @Option(names = "--kds-key-file", description = "Decrypt with the KDS root keys of this `kds export` file, as get-password does.")
  Path kdsKeyFile;

  @Option(names = "--rpc-port", defaultValue = "${env:LAPSBRIDGE_RPC_PORT:-135}", description = "The domain controller's RPC endpoint mapper port for GetKey (default: 135; env LAPSBRIDGE_RPC_PORT).")
  int rpcPort;

  @Option(names = "--offline", description = "Do not ask a domain controller for keys (MS-GKDI GetKey).")
  boolean offline;

  /** Commands come from here when it is not a terminal; tests replace System.in. */
  private final InputStream input = System.in;

  @Override
  public Integer call() throws DirectoryException, KeyFileException, IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (KeySources keys = KeySources.read(kdsKeyFile,
            offline ? KeySources.Online.OFF : KeySources.Online.at(rpcPort));
        LapsDirectory directory = connection.open()) {
      ShellSession session = new ShellSession(directory, keys.with(directory),
          classification::classifier, Clock.systemUTC(), out, err, outcomes(err));
      if (Terminal.console() == null) {
        return session.runScript(new BufferedReader(
            new InputStreamReader(input, StandardCharsets.UTF_8)));
      }
      NameCache names = new NameCache((prefix, limit) -> {
        ComputerNameSearch.Names found = ComputerNameSearch.startingWith(directory, prefix, limit);
        return new NameCache.Answer(found.names(), found.complete());
      });
      return ShellConsole.interactive(names, session);
    }
  }

  /** The session's results through the one place that maps failures ({@link Failure}). */
  private static ShellSession.Outcomes outcomes(PrintWriter err) {
    return new ShellSession.Outcomes() {
      @Override
      public int failed(Exception failure) {
        Failure f = Failure.of(failure);
        err.println("lapsbridge: " + f.message());
        return f.status().code();
      }

      @Override
      public int usage(String message) {
        err.println("lapsbridge: usage: " + message);
        return ExitStatus.USAGE.code();
      }

      @Override
      public int batch(ComputerBatch.Outcome outcome) {
        return Failure.statusOf(outcome).code();
      }

      @Override
      public int lookup(LookUpPasswords.Result result) {
        return GetPasswordCommand.statusOf(result).code();
      }

      @Override
      public int problem() {
        return ExitStatus.PROBLEM.code();
      }

      @Override
      public Consumer<Exception> printer() {
        return Failure.printer(err);
      }

      @Override
      public Consumer<String> notes() {
        return Failure.notes(err);
      }
    };
  }
}
