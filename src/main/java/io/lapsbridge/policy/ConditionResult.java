package io.lapsbridge.policy;

/** One emulation condition, whether it holds, and the evidence. */
public record ConditionResult(EmulationCondition condition, boolean holds, String evidence) {
  /** e.g. {@code yes  the device is not a domain controller (not a DC)}. */
  public String describe() {
    return (holds ? "yes" : "NO ") + "  " + condition.statement() + " (" + evidence + ")";
  }
}
