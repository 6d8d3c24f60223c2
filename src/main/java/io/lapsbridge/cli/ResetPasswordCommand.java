package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.usecase.EntraRotation;
import io.lapsbridge.usecase.ResetExpiry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reset-password}: moves the expiry so that the device's client rotates at its next
 * cycle. It never touches the stored password itself.
 */
@Command(
    name = "reset-password",
    description = "Expire the LAPS password now or at a time, in the family the computer uses.")
final class ResetPasswordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin EntraOptions entra;

  @Option(names = "--directory", defaultValue = "ad", description = "ad or entra (default: ${DEFAULT-VALUE}). Entra has no expiry to edit: entra asks Intune to rotate each device now (rotateLocalAdminPassword), which needs an Intune-managed device.")
  DirectoryChoice directory;

  @Parameters(arity = "1..*", paramLabel = "COMPUTER", description = "Name, sAMAccountName, DNS name or DN.")
  List<String> computers;

  @Option(names = "--when", defaultValue = "now", description = "'now' or an ISO-8601 UTC time such as 2026-12-01T08:00:00Z (default: ${DEFAULT-VALUE}).")
  String when;

  @Option(names = "--family", description = "legacy, windows or all; default: every family the computer already uses.")
  FamilyChoice family;

  @Option(names = "--dry-run", description = "Show what would change and write nothing.")
  boolean dryRun;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws DirectoryException, GraphException {
    ComputerNames.require(computers);
    if (directory == DirectoryChoice.AUTO) {
      throw new UsageException("--directory auto is for reading; reset-password takes ad or"
          + " entra, so that the change goes where it is meant");
    }
    if (directory == DirectoryChoice.ENTRA) {
      if (family != null || !when.equalsIgnoreCase("now")) {
        throw new UsageException("--family and --when are for AD: Entra ID has no expiry to"
            + " edit, and Intune rotates at once");
      }
      PrintWriter err = spec.commandLine().getErr();
      err.println("lapsbridge: Entra ID has no expiry to edit: asking Intune to rotate each"
          + " device now (rotateLocalAdminPassword)");
      PrintWriter out = spec.commandLine().getOut();
      EntraRotation.Outcome outcome = EntraRotation.run(entra.open(connection), computers, dryRun,
          row -> row.print(out), Failure.printer(err));
      return Failure.statusOf(outcome.succeeded(), outcome.failures()).code();
    }
    FileTime expiry = FileTime.of(parseWhen());
    PrintWriter out = spec.commandLine().getOut();
    try (LapsDirectory directory = connection.open()) {
      return Failure.statusOf(ResetExpiry.run(directory, computers,
          Optional.ofNullable(family).map(FamilyChoice::families), expiry, dryRun,
          row -> row.print(out), Failure.printer(spec.commandLine().getErr()),
          Failure.notes(spec.commandLine().getErr()))).code();
    }
  }

  private Instant parseWhen() {
    if (when.equalsIgnoreCase("now")) {
      return clock.instant();
    }
    try {
      Instant.parse(when);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--when '" + when + "' is not 'now' or an ISO-8601 UTC time like " + TimeOption.EXAMPLE);
    }
    return TimeOption.parse("--when", when);
  }
}
