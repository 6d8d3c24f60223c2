package io.lapsbridge.migration.apply;

import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.OwnWrites;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The port apply writes through: re-validates each action against the live entry and writes it
 * conditionally. {@code directory.GuardedWriter} implements it against LDAP; tests use fakes.
 *
 * @param <X> what the writer throws when the directory is unreachable, which ends the run
 */
public interface ActionWriter<X extends Exception> {
  /** Receives pipelined results, on whichever thread learns each one. */
  @FunctionalInterface
  interface ResultSink {
    void accept(int index, ActionResult result);
  }

  /** Whether {@link #performPipelined} takes the action: one written from the plan alone. */
  boolean pipelinable(Action action);

  /**
   * Checks and writes one action (checks only on a dry run). A failure that leaves the
   * directory reachable is a {@link io.lapsbridge.migration.Journal.Outcome#FAILED} result.
   *
   * @param own what the computer's other actions in the plan write, which every check of the
   *     live entry takes for what the plan saw
   * @throws X only when the directory is unreachable
   */
  ActionResult performOrFailed(Action action, OwnWrites own, boolean dryRun) throws X;

  /**
   * Writes {@link #pipelinable} actions on distinct entries with up to {@code window} in flight.
   * Every action sent gets exactly one result unless this throws; once {@code stop} says so, no
   * more are sent and the unsent ones get none.
   *
   * @throws X only when the directory is unreachable
   */
  void performPipelined(List<Action> batch, int window, BooleanSupplier stop, ResultSink sink)
      throws X;
}
