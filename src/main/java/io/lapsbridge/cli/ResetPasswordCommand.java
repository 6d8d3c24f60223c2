package io.lapsbridge.cli;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.LapsAttribute;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
  public Integer call() throws DirectoryException {
    FileTime expiry = FileTime.of(parseWhen());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BatchOutcome outcome = new BatchOutcome();
    try (LapsDirectory directory = connection.open()) {
      outcome.forEachComputer(directory, computers, err, (computer, record) -> {
        for (AttributeFamily target : targets(record)) {
          if (!dryRun) {
            directory.setExpiration(computer, target, expiry);
          }
          LapsAttribute attribute = LapsAttribute.expirationOf(target);
          out.printf("%s%s\t%s\t%s%n", dryRun ? "(dry run) " : "", computer.name(),
              attribute.ldapName(), expiry.toInstant());
        }
      });
    }
    out.flush();
    return outcome.status().code();
  }

  private Set<AttributeFamily> targets(LapsRecord record) throws DirectoryException {
    if (family != null) {
      return family.families();
    }
    Set<AttributeFamily> used = EnumSet.noneOf(AttributeFamily.class);
    for (AttributeFamily candidate : AttributeFamily.values()) {
      if (record.uses(candidate)) {
        used.add(candidate);
      }
    }
    if (used.isEmpty()) {
      throw new DirectoryException(
          DirectoryException.Kind.NOT_FOUND,
          "computer '" + record.computer().name() + "' has no LAPS attributes; pass --family to"
              + " choose which expiry to set");
    }
    return used;
  }

  private Instant parseWhen() {
    if (when.equalsIgnoreCase("now")) {
      return clock.instant();
    }
    try {
      return Instant.parse(when);
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--when '" + when + "' is not 'now' or an ISO-8601 UTC time like 2026-12-01T08:00:00Z");
    }
  }
}
