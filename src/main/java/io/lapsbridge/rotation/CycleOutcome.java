package io.lapsbridge.rotation;

import java.util.Optional;

/**
 * How one cycle ended.
 *
 * @param status the result
 * @param failure the port failure behind a failed status
 * @param summary one line for the operator
 */
public record CycleOutcome(Status status, Optional<PortException.Kind> failure, String summary) {

  /** The cycle's result. */
  public enum Status {
    ROTATED(true),
    NOT_DUE(true),
    UNMANAGED(true),
    DRY_RUN(true),
    REFUSED(false),
    FAILED(false);

    private final boolean success;

    Status(boolean success) {
      this.success = success;
    }

    public boolean success() {
      return success;
    }
  }

  public CycleOutcome {
    if (status == null || failure == null || summary == null) {
      throw new IllegalArgumentException("outcome parts must not be null");
    }
    if ((status == Status.FAILED) != failure.isPresent()) {
      throw new IllegalArgumentException("exactly a failed outcome carries a failure kind");
    }
  }

  static CycleOutcome of(Status status, String summary) {
    return new CycleOutcome(status, Optional.empty(), summary);
  }

  static CycleOutcome failed(PortException e) {
    return new CycleOutcome(Status.FAILED, Optional.of(e.kind()), e.getMessage());
  }
}
