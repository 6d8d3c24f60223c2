package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.report.OutputFormat;
import io.lapsbridge.report.PasswordView;
import io.lapsbridge.usecase.Directories;
import io.lapsbridge.usecase.EntraPasswords;
import io.lapsbridge.usecase.KeySources;
import io.lapsbridge.usecase.LookUpPasswords;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code get-password}: one view over both attribute families, like Get-LapsADPassword. */
@Command(
    name = "get-password",
    description = "Show the stored LAPS password of computers, from either attribute family.")
final class GetPasswordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin EntraOptions entra;

  @Option(names = "--directory", defaultValue = "ad", description = DirectoryChoice.DESCRIPTION)
  DirectoryChoice directory;

  @Parameters(arity = "1..*", paramLabel = "COMPUTER", description = "Name, sAMAccountName, DNS name or DN.")
  List<String> computers;

  @Option(names = "--source", defaultValue = "all", description = "legacy, windows or all (default: ${DEFAULT-VALUE}).")
  FamilyChoice source;

  @Option(names = "--format", defaultValue = "text", description = "text, json or csv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--history", description = "Add the encrypted password history (" + io.lapsbridge.wire.LapsAttribute.Names.ENCRYPTED_PASSWORD_HISTORY + "), newest first.")
  boolean history;

  @Option(names = "--dsrm", description = "Add a domain controller's encrypted DSRM password and its history.")
  boolean dsrm;

  @Option(names = "--kds-key-file", description = "Decrypt with the KDS root keys of this `kds export` file instead of asking a domain controller or reading the root keys from the directory (which needs a highly privileged bind).")
  Path kdsKeyFile;

  @Option(names = "--rpc-port", defaultValue = "${env:LAPSBRIDGE_RPC_PORT:-135}", description = "The domain controller's RPC endpoint mapper port for GetKey (default: 135; env LAPSBRIDGE_RPC_PORT).")
  int rpcPort;

  @Option(names = "--offline", description = "Do not ask a domain controller for keys (MS-GKDI GetKey); use only the KDS root keys the bind may read.")
  boolean offline;

  @Override
  public Integer call() throws DirectoryException, KeyFileException, GraphException {
    PrintWriter err = spec.commandLine().getErr();
    ComputerNames.require(computers);
    if (directory != DirectoryChoice.AD) {
      return entra(err);
    }
    LookUpPasswords.Result result;
    // Encrypted values are decrypted as Windows does: GetKey as the bind's user, unless --offline.
    // With several domains (or profiles listing several forests), each is searched.
    try (KeySources keys = KeySources.read(kdsKeyFile,
            offline ? KeySources.Online.OFF : KeySources.Online.at(rpcPort));
        Directories directories = Directories.open(connection.eachDirectory())) {
      result = LookUpPasswords.runAcross(directories.all(), keys::with, computers,
          new LookUpPasswords.Request(source.families(), history, dsrm),
          warning -> err.println("lapsbridge: warning: " + warning), Failure.printer(err),
          Failure.notes(err));
    }
    format.print(spec.commandLine().getOut(), result.views(), PasswordView::printText);
    return statusOf(result).code();
  }

  /** The exit status of a lookup; {@code shell}'s {@code get} returns the same. */
  static ExitStatus statusOf(LookUpPasswords.Result result) {
    ExitStatus status = Failure.statusOf(result.batch());
    if (result.malformed() > 0 && status == ExitStatus.OK) {
      // A stored value that breaks its format is a problem to fix (README: exit 1), even
      // beside a password that could be shown; the warning named the attribute and the DN.
      status = ExitStatus.PROBLEM;
    } else if (result.undecrypted() > 0 && status == ExitStatus.OK) {
      // Some value could not be decrypted: partial if anything was shown, else a failure.
      status = result.anyPasswordShown()
          ? ExitStatus.PARTIAL
          : result.allUnauthorized() ? ExitStatus.NOT_FOUND : ExitStatus.PROBLEM;
    }
    return status;
  }

  /** {@code --directory entra} or {@code auto} (#16). */
  private int entra(PrintWriter err) throws DirectoryException, KeyFileException, GraphException {
    EntraPasswords.Result result;
    EntraDirectory graph = entra.open(connection);
    if (directory == DirectoryChoice.ENTRA) {
      result = EntraPasswords.fromEntra(graph, computers, history, Failure.printer(err));
    } else {
      try (KeySources keys = KeySources.read(kdsKeyFile,
              offline ? KeySources.Online.OFF : KeySources.Online.at(rpcPort));
          LapsDirectory ad = connection.open()) {
        result = EntraPasswords.fromEither(ad, keys.with(ad), graph, computers,
            new LookUpPasswords.Request(source.families(), history, dsrm),
            warning -> err.println("lapsbridge: warning: " + warning), Failure.printer(err),
            Failure.notes(err));
      }
    }
    format.print(spec.commandLine().getOut(), result.views(), PasswordView::printText);
    ExitStatus status = Failure.statusOf(result.succeeded(), result.failures());
    if (result.undecrypted() > 0 && status == ExitStatus.OK) {
      status = result.anyPasswordShown()
          ? ExitStatus.PARTIAL
          : result.allUnauthorized() ? ExitStatus.NOT_FOUND : ExitStatus.PROBLEM;
    }
    return status.code();
  }
}
