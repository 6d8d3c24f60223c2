package io.lapsbridge.migration;

import io.lapsbridge.wire.LapsAttribute;
import java.util.Optional;

/**
 * Tells a lapsbridge mirror in {@code msLAPS-Password} from a Windows LAPS client's write, from
 * facts that are not secrets.
 *
 * <p>The mark: a mirror is written with {@code msLAPS-PasswordExpirationTime} equal to the
 * JSON's {@code t}, to the 100-ns tick. A Windows LAPS client writes the expiry as its update
 * time plus PasswordAgeDays (at least one day) in the same modify, so its own write never
 * carries the mark; {@code Set-LapsADPasswordExpirationTime} sets "now" or a chosen time, which
 * equals a stored {@code t} only by deliberate effort; the next client rotation rewrites both
 * and removes the mark. An encrypted password is always a client's, so a computer holding one
 * is never a mirror.
 *
 * <p>A mirror is <em>current</em> when its password equals the legacy one (the directory
 * adapter compares them; see {@link ComputerSnapshot#windowsMirrorsLegacy}) and <em>out of
 * date</em> when it carries the mark but the legacy client has rotated since.
 */
public final class Mirrors {
  private Mirrors() {}

  /** Whether the cleartext Windows LAPS password carries lapsbridge's mirror mark. */
  public static boolean marked(ComputerSnapshot c) {
    return c.windowsCleartext() && !c.windowsEncrypted() && c.windowsAccount() != null
        && c.windowsUpdated() != null && c.windowsUpdated().equals(c.windowsExpiry());
  }

  /** Whether {@code msLAPS-Password} is a current or out-of-date mirror of the legacy password. */
  public static boolean isMirror(ComputerSnapshot c) {
    return (c.windowsCleartext() && !c.windowsEncrypted() && c.windowsMirrorsLegacy())
        || outOfDate(c);
  }

  /** A marked mirror whose password no longer equals the legacy one. */
  public static boolean outOfDate(ComputerSnapshot c) {
    return marked(c) && c.legacyPassword() && !c.windowsMirrorsLegacy();
  }

  /**
   * Why an out-of-date mirror may not be refreshed for a rule recording {@code account}, or
   * empty when it may: the recorded account must be the rule's, and the legacy expiry must be
   * later than the mirror's time, which is what a legacy rotation after the copy leaves.
   */
  public static Optional<String> refreshRefusal(ComputerSnapshot c, String account) {
    if (!outOfDate(c)) {
      return Optional.of(LapsAttribute.PASSWORD.ldapName()
          + " is not an out-of-date lapsbridge mirror");
    }
    if (!c.windowsAccount().equals(account)) {
      return Optional.of(LapsAttribute.PASSWORD.ldapName()
          + " carries the mirror mark but names account '"
          + c.windowsAccount() + "', not the rule's '" + account + "'");
    }
    if (c.legacyExpiry() == null || c.legacyExpiry().compareTo(c.windowsUpdated()) <= 0) {
      return Optional.of(LapsAttribute.PASSWORD.ldapName()
          + " carries the mirror mark but the legacy expiry ("
          + Action.Checks.show(c.legacyExpiry()) + ") is not later than the mirror's time ("
          + Action.Checks.show(c.windowsUpdated()) + "), so no legacy rotation explains the"
          + " difference");
    }
    return Optional.empty();
  }
}
