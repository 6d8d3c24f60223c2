package io.lapsbridge.migration.apply;

import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.MigrationInputException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What ties a journal to its plan, so that a resume continues the run that was interrupted and
 * nothing else: the plan's SHA-256, recorded when apply begins and checked when resume starts,
 * and the cut of a line a kill left unfinished.
 */
public final class Resumption {
  private Resumption() {}

  /** The digest apply records in the journal's first line. */
  public static String sha256(byte[] plan) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plan));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /** Refuses a plan that changed since its journal began: its action ids may mean others. */
  public static void requirePlanUnchanged(String journalName, Journal.State state,
      String planName, String digest) {
    if (!digest.equals(state.planSha256())) {
      throw new MigrationInputException(journalName + ": the plan " + planName
          + " changed since apply began (SHA-256 differs); plan and apply again");
    }
  }

  /**
   * Refuses a journal line naming an action the plan does not have (ids run from 1 to {@code
   * actionCount}): a hand-edited journal, or one of another plan. The first such line is named.
   */
  public static void requireKnownActions(String journalName, Journal.State state,
      String planName, int actionCount) {
    state.lines().entrySet().stream()
        .filter(e -> e.getKey() < 1 || e.getKey() > actionCount)
        .min(java.util.Map.Entry.comparingByValue())
        .ifPresent(e -> {
          throw new MigrationInputException(journalName + ":" + e.getValue() + ": action "
              + e.getKey() + " is not in the plan " + planName + " (" + actionCount
              + " actions)");
        });
  }

  /**
   * Cuts the line a kill left unfinished (even one cut just before its newline), so that the
   * next record starts on a line of its own and the fragment cannot end up mid-file, where
   * replay calls it corruption. A journal that ends with a newline is left alone.
   *
   * @param bytes the journal as read
   */
  public static void cutTornTail(JournalStore journal, byte[] bytes) throws IOException {
    int keep = bytes.length;
    while (keep > 0 && bytes[keep - 1] != '\n') {
      keep--;
    }
    if (keep < bytes.length) {
      journal.truncate(keep);
    }
  }
}
