package io.lapsbridge.migration;

/**
 * What a live entry says about one planned action, just before it is written (and again after,
 * as the read-back).
 *
 * @param kind apply, already done, or stale
 * @param reason why, in one line; never contains a password
 */
public record Verdict(Kind kind, String reason) {
  /** The three possible answers. */
  public enum Kind {
    /** The entry still looks as the plan saw it: write. */
    APPLY,
    /** The entry already shows the action's result (a resumed run, or a second apply). */
    DONE,
    /** The entry changed since the plan (a client rotated, someone edited): skip. */
    STALE
  }

  public Verdict {
    if (kind == null || reason == null) {
      throw new IllegalArgumentException("a verdict needs a kind and a reason");
    }
  }

  static Verdict apply() {
    return new Verdict(Kind.APPLY, "entry matches the plan");
  }

  static Verdict done(String reason) {
    return new Verdict(Kind.DONE, reason);
  }

  static Verdict stale(String reason) {
    return new Verdict(Kind.STALE, reason);
  }
}
