package io.lapsbridge.policy;

import java.util.List;
import java.util.stream.Collectors;

/** Whether legacy Microsoft LAPS emulation applies, with every condition and its evidence. */
public record EmulationDecision(List<ConditionResult> conditions) {
  public EmulationDecision {
    conditions = List.copyOf(conditions);
  }

  /** Emulation applies only when every documented condition holds. */
  public boolean applies() {
    return conditions.stream().allMatch(ConditionResult::holds);
  }

  /** The conditions that failed; empty when emulation applies. */
  public List<ConditionResult> failed() {
    return conditions.stream().filter(c -> !c.holds()).collect(Collectors.toList());
  }

  /** {@code yes} or {@code no: <first failed condition>; <second>...}. */
  public String summary() {
    if (applies()) {
      return "yes";
    }
    return "no: " + failed().stream()
        .map(c -> "not (" + c.condition().statement() + "): " + c.evidence())
        .collect(Collectors.joining("; "));
  }

  /** Evaluates the documented conditions for {@code snapshot} on a device with {@code facts}. */
  public static EmulationDecision decide(PolicySnapshot snapshot, DeviceFacts facts) {
    RootSettings legacy = snapshot.root(PolicyRoot.LEGACY_GPO);
    boolean legacyPresent = PolicyResolver.holdsSettings(legacy);
    ConditionResult present = new ConditionResult(EmulationCondition.LEGACY_POLICY_PRESENT,
        legacyPresent, legacyPresent
            ? "LegacyGPO holds " + legacy.values().keySet().stream()
                .filter(n -> LegacySettings.named(n).isPresent())
                .collect(Collectors.joining(", "))
            : "LegacyGPO holds no AdmPwd setting");

    String windowsRoots = List.of(PolicyRoot.CSP, PolicyRoot.GPO, PolicyRoot.LOCAL_CONFIG).stream()
        .filter(r -> PolicyResolver.holdsSettings(snapshot.root(r)))
        .map(PolicyRoot::displayName)
        .collect(Collectors.joining(", "));
    ConditionResult noWindows = new ConditionResult(EmulationCondition.NO_WINDOWS_LAPS_POLICY,
        windowsRoots.isEmpty(), windowsRoots.isEmpty()
            ? "CSP, GPO and LocalConfig hold no setting"
            : "Windows LAPS settings in " + windowsRoots);

    ConditionResult noCse = new ConditionResult(EmulationCondition.LEGACY_CSE_NOT_INSTALLED,
        !facts.legacyCseInstalled(), facts.legacyCseInstalled()
            ? "AdmPwd CSE {D76B9641-3288-4f75-942D-087DE603E3EA} is registered and its DLL exists"
            : "no AdmPwd CSE registered");

    ConditionResult notDc = new ConditionResult(EmulationCondition.NOT_DOMAIN_CONTROLLER,
        !facts.domainController(),
        facts.domainController() ? "the device is a domain controller" : "not a DC");

    boolean disabled = snapshot.root(PolicyRoot.LOCAL_CONFIG)
        .get(WindowsLapsSettings.BACKUP_DIRECTORY.name())
        .flatMap(RawValue::asNumber)
        .map(n -> n == 0)
        .orElse(false);
    ConditionResult notDisabled = new ConditionResult(EmulationCondition.NOT_DISABLED_LOCALLY,
        !disabled, disabled
            ? "LocalConfig BackupDirectory=0"
            : "LocalConfig has no BackupDirectory=0");

    return new EmulationDecision(List.of(present, noWindows, noCse, notDc, notDisabled));
  }
}
