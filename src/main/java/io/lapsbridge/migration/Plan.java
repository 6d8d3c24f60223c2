package io.lapsbridge.migration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A migration plan: numbered actions in a stable order, items for a human, and items that must
 * wait. Built by {@link Planner}; written and read by {@link PlanCodec}.
 *
 * @param asOf the plan time: thresholds are judged against it and forced expiries are set to it
 * @param rulesFile the rule file's name
 * @param rulesSha256 the rule file's SHA-256
 * @param allowDowngrade whether Windows-to-legacy mirrors were allowed
 * @param thresholds the classification thresholds
 * @param computers how many computers the inventory saw
 * @param unmatched how many no rule covered
 * @param actions the writes, ordered by DN then by the order they must run in
 * @param flags computers a person must resolve (conflict, malformed, stale, refused downgrade)
 * @param deferred actions not yet allowed (a cleanup inside its grace period)
 */
public record Plan(
    Instant asOf,
    String rulesFile,
    String rulesSha256,
    boolean allowDowngrade,
    Thresholds thresholds,
    long computers,
    long unmatched,
    List<Action> actions,
    List<Note> flags,
    List<Note> deferred) {

  /** A computer that gets no action now, and why. */
  public record Note(String dn, String state, String rule, String reason) {
    public Note {
      if (dn == null || state == null || reason == null) {
        throw new IllegalArgumentException("a note needs a DN, a state and a reason");
      }
    }
  }

  public Plan {
    actions = List.copyOf(actions);
    flags = List.copyOf(flags);
    deferred = List.copyOf(deferred);
  }

  /** Whether anything remains to do or to resolve. */
  public boolean workRemains() {
    return !actions.isEmpty() || !flags.isEmpty() || !deferred.isEmpty();
  }

  /** Action counts by kind, sorted by kind. */
  public Map<String, Integer> actionCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Action action : actions) {
      counts.merge(action.kind(), 1, Integer::sum);
    }
    return counts;
  }
}
