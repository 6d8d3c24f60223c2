package io.lapsbridge.policy;

/** Everything the engine concludes for one device: policy, emulation decision and plan. */
public record PolicyEvaluation(
    EffectivePolicy policy, EmulationDecision emulation, BackupPlan plan, DeviceFacts facts) {}
