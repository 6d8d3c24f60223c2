package io.lapsbridge.usecase;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.report.ExpiryResetRow;
import io.lapsbridge.wire.LapsAttribute;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code reset-password}: moves the expiry of each computer so that its client rotates at the
 * next cycle, in the families asked for or else in every family the computer already uses. The
 * stored password is never touched.
 */
public final class ResetExpiry {
  private ResetExpiry() {}

  /**
   * Sets {@code expiry} on each named computer; one computer's failure goes to {@code failures}
   * and the rest go on.
   *
   * @param families the families to set, or empty for those each computer uses
   * @param dryRun decide and report, but write nothing
   * @param rows each expiry as it is set
   * @param notes how a name was resolved when that was not exact
   */
  public static ComputerBatch.Outcome run(LapsDirectory directory, List<String> computers,
      Optional<Set<AttributeFamily>> families, FileTime expiry, boolean dryRun,
      Consumer<ExpiryResetRow> rows, Consumer<? super DirectoryException> failures,
      Consumer<String> notes) throws DirectoryException {
    return ComputerBatch.<ExpiryResetRow>run(directory, computers, (computer, record, done) -> {
      for (AttributeFamily target : targets(record, families)) {
        if (!dryRun) {
          directory.setExpiration(computer, target, expiry);
        }
        done.accept(new ExpiryResetRow(dryRun, computer.name(),
            LapsAttribute.expirationOf(target).ldapName(), expiry.toInstant().toString()));
      }
    }, rows, failures, notes);
  }

  /** The families to set on one computer: those asked for, else those it uses. */
  static Set<AttributeFamily> targets(LapsRecord record, Optional<Set<AttributeFamily>> families)
      throws DirectoryException {
    if (families.isPresent()) {
      return families.get();
    }
    Set<AttributeFamily> used = EnumSet.noneOf(AttributeFamily.class);
    for (AttributeFamily candidate : AttributeFamily.values()) {
      if (record.uses(candidate)) {
        used.add(candidate);
      }
    }
    if (used.isEmpty()) {
      throw new DirectoryException(DirectoryException.Kind.NOT_FOUND,
          "computer '" + record.computer().name() + "' has no LAPS attributes; pass --family to"
              + " choose which expiry to set");
    }
    return used;
  }
}
