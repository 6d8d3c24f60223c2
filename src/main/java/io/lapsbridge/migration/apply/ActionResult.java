package io.lapsbridge.migration.apply;

import io.lapsbridge.migration.Journal;
import java.util.Objects;

/**
 * What happened to one action, with a one-line reason that never holds a password.
 *
 * @param outcome applied, already done, stale or failed
 * @param reason why, for the journal and the output line
 */
public record ActionResult(Journal.Outcome outcome, String reason) {
  public ActionResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
  }

  /** A failure that leaves the directory reachable: reported, and retried by a resume. */
  public static ActionResult failed(String reason) {
    return new ActionResult(Journal.Outcome.FAILED, reason);
  }
}
