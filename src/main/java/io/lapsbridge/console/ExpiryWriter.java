package io.lapsbridge.console;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.LapsAttribute;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Moves a computer's expiry in one family: a reset (to a time the user chose) or
 * expire-after-use (to the earlier of the current expiry and now plus the grace period). Written
 * with the user's own rights; when the directory refuses and the deployment names a service
 * identity, that identity writes this one value. The result says, for the audit, what happened.
 */
final class ExpiryWriter {
  /**
   * What a write did.
   *
   * @param moved whether the expiry was written
   * @param detail the audit's account of it: from what to what, by whom, or why not
   */
  record Outcome(boolean moved, String detail) {}

  private final Optional<ConnectionSettings> service;

  ExpiryWriter(Optional<ConnectionSettings> service) {
    this.service = service;
  }

  /** Expire-after-use: never later than it is, never later than {@code now + grace}. */
  Outcome afterUse(Session session, ComputerLookup.Result read, AttributeFamily family,
      Duration grace, Instant now) {
    FileTime limit = FileTime.of(now.plus(grace));
    Optional<FileTime> current = read.expiration(family);
    String attribute = LapsAttribute.expirationOf(family).ldapName();
    if (current.isPresent() && current.get().compareTo(limit) <= 0) {
      return new Outcome(false, attribute + " not moved: it is already "
          + describe(current.get()) + ", no later than now plus the grace period");
    }
    return write(session, read.computer(), family, limit, current);
  }

  /** A reset: the expiry becomes {@code when}. */
  Outcome reset(Session session, ComputerLookup.Result read, AttributeFamily family,
      Instant when) {
    return write(session, read.computer(), family, FileTime.of(when), read.expiration(family));
  }

  private Outcome write(Session session, ComputerRef computer, AttributeFamily family,
      FileTime to, Optional<FileTime> from) {
    String attribute = LapsAttribute.expirationOf(family).ldapName();
    String change = attribute + " from " + from.map(ExpiryWriter::describe).orElse("unset")
        + " to " + describe(to);
    try {
      session.directory().setExpiration(computer, family, to);
      return new Outcome(true, "moved " + change + " as the user");
    } catch (DirectoryException refused) {
      if (service.isEmpty() || refused.kind() != DirectoryException.Kind.ACCESS_DENIED) {
        return new Outcome(false, attribute + " not moved: " + refused.getMessage());
      }
      try (LapsDirectory writer = LapsDirectory.open(service.get())) {
        writer.setExpiration(computer, family, to);
        return new Outcome(true, "moved " + change + " as the service identity "
            + service.get().bindDn() + " (the user may not write it)");
      } catch (DirectoryException e) {
        return new Outcome(false, attribute + " not moved: the user may not write it, and the"
            + " service identity failed too: " + e.getMessage());
      }
    }
  }

  private static String describe(FileTime time) {
    return time.isNever() ? "never" : time.toInstant().toString();
  }
}
