package io.lapsbridge.report;

import java.io.PrintWriter;

/**
 * One expiry {@code reset-password} set, or with {@code --dry-run} would set.
 *
 * @param attribute the expiry attribute of the family, such as {@code msLAPS-PasswordExpirationTime}
 * @param expiry the new expiry, ISO-8601 UTC
 */
public record ExpiryResetRow(boolean dryRun, String computer, String attribute, String expiry) {
  /** One tab-separated line, marked when nothing was written; flushed, as it reports a write. */
  public void print(PrintWriter out) {
    out.printf("%s%s\t%s\t%s%n", dryRun ? "(dry run) " : "", computer, attribute, expiry);
    out.flush();
  }
}
