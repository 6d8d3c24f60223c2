package io.lapsbridge.migration.apply;

import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.MigrationInputException;
import io.lapsbridge.migration.PlanCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A plan's actions, as apply and resume run them, with the plan's SHA-256. On a large plan
 * hashing takes as long as parsing, so the hash is computed on another thread meanwhile.
 *
 * @param actions the actions in plan order; action {@code i + 1} is {@code actions.get(i)}
 * @param sha256 the plan file's digest, which the journal records
 */
public record PlanActions(List<Action> actions, String sha256) {
  public PlanActions {
    actions = List.copyOf(actions);
  }

  /** Reads the plan {@code apply} was given. */
  public static PlanActions read(String file, byte[] bytes) {
    CompletableFuture<String> digest =
        CompletableFuture.supplyAsync(() -> Resumption.sha256(bytes));
    List<Action> actions = PlanCodec.readActions(file, bytes);
    return new PlanActions(actions, digest.join());
  }

  /**
   * Reads the plan a journal began with, refusing one that changed since: its action ids may
   * now mean other actions. A changed plan is reported as changed even if it no longer parses.
   */
  public static PlanActions readUnchanged(String file, byte[] bytes, String journalName,
      Journal.State state) {
    CompletableFuture<String> digest =
        CompletableFuture.supplyAsync(() -> Resumption.sha256(bytes));
    List<Action> actions;
    try {
      actions = PlanCodec.readActions(file, bytes);
    } catch (MigrationInputException e) {
      Resumption.requirePlanUnchanged(journalName, state, file, digest.join());
      throw e;
    }
    Resumption.requirePlanUnchanged(journalName, state, file, digest.join());
    Resumption.requireKnownActions(journalName, state, file, actions.size());
    return new PlanActions(actions, digest.join());
  }
}
