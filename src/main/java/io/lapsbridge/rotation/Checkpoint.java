package io.lapsbridge.rotation;

/**
 * Called between the steps of a rotation. Production passes {@link #NONE}; the crash tests stop
 * the process at each point to prove that no password is lost wherever it dies.
 */
@FunctionalInterface
public interface Checkpoint {
  /** The boundaries between the crash-safe steps, in order. */
  enum Step {
    INTENT_RECORDED,
    DIRECTORY_WRITTEN,
    DIRECTORY_READ_BACK,
    CONFIRMED_RECORDED,
    LOCAL_SET,
    JOURNAL_CLEARED
  }

  Checkpoint NONE = step -> { };

  void reached(Step step);
}
