package io.lapsbridge.policy;

/** The entry point: which policy is in force, whether emulation applies, and the plan. */
public final class PolicyEngine {
  private PolicyEngine() {}

  public static PolicyEvaluation evaluate(PolicySnapshot snapshot, DeviceFacts facts) {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot);
    EmulationDecision emulation = EmulationDecision.decide(snapshot, facts);
    return new PolicyEvaluation(policy, emulation,
        BackupPlanner.plan(policy, emulation, facts), facts);
  }
}
