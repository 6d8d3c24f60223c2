package io.lapsbridge.doctor;

import java.util.Locale;

/** How a check came out. A problem makes {@code doctor} exit 1; warnings do not. */
public enum Status {
  /** Set up as LAPS needs it. */
  OK,
  /** Works, but is weaker than it should be, or could not be checked. */
  WARNING,
  /** LAPS does not work (or is unsafe) here until the fix is applied. */
  PROBLEM;

  /** The word printed and written to JSON and CSV: {@code ok}, {@code warning}, {@code problem}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
