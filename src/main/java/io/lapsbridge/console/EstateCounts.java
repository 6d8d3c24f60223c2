package io.lapsbridge.console;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.LapsAttribute;
import java.time.Instant;
import java.util.Optional;

/**
 * The estate as one user may see it, counted in one paged pass: computers per LAPS state and how
 * many passwords are past their expiry (what monitoring asks of {@code /api/v1/estate}). An
 * expiry the user cannot read counts as unknown, not as expired.
 *
 * @param expired computers with a family whose expiry is in the past
 */
public record EstateCounts(String at, long computers, long legacyOnly, long windowsOnly,
    long bothFamilies, long encrypted, long neither, long malformed, long expired) {

  /** Counts every computer under the base DN that {@code directory}'s user can see. */
  static EstateCounts of(LapsDirectory directory, Instant now) throws DirectoryException {
    long[] n = new long[8];
    directory.forEachComputer(null, record -> {
      n[0]++;
      boolean legacy = record.uses(AttributeFamily.LEGACY);
      boolean windows = record.uses(AttributeFamily.WINDOWS);
      if (!record.problems().isEmpty()) {
        n[6]++;
      }
      if (record.has(LapsAttribute.ENCRYPTED_PASSWORD)
          || record.has(LapsAttribute.ENCRYPTED_DSRM_PASSWORD)) {
        n[4]++;
      }
      if (legacy && windows) {
        n[3]++;
      } else if (legacy) {
        n[1]++;
      } else if (windows) {
        n[2]++;
      } else {
        n[5]++;
      }
      if (expired(record, now)) {
        n[7]++;
      }
    });
    return new EstateCounts(now.toString(), n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
  }

  private static boolean expired(LapsRecord record, Instant now) {
    return before(record.legacyExpiration(), now) || before(record.windowsExpiration(), now);
  }

  private static boolean before(Optional<FileTime> expiry, Instant now) {
    return expiry.map(e -> e.isBefore(now)).orElse(false);
  }
}
