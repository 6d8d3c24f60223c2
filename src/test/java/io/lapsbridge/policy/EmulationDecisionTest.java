package io.lapsbridge.policy;

import static io.lapsbridge.policy.Snapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.JoinState;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmulationDecisionTest {

  /**
   * Every combination of the five inputs: legacy policy present, a Windows LAPS root (none, CSP,
   * GPO, LocalConfig with BackupDirectory=0, LocalConfig with BackupDirectory=2), CSE installed,
   * domain controller. Expected: the failing conditions, in order.
   */
  @ParameterizedTest(name = "legacy={0} windows={1} cse={2} dc={3}")
  @CsvSource(delimiter = '|', value = {
    "true |none |false|false|",
    "false|none |false|false|LEGACY_POLICY_PRESENT",
    "true |csp  |false|false|NO_WINDOWS_LAPS_POLICY",
    "true |gpo  |false|false|NO_WINDOWS_LAPS_POLICY",
    "true |local0|false|false|NO_WINDOWS_LAPS_POLICY NOT_DISABLED_LOCALLY",
    "true |local2|false|false|NO_WINDOWS_LAPS_POLICY",
    "true |none |true |false|LEGACY_CSE_NOT_INSTALLED",
    "true |none |false|true |NOT_DOMAIN_CONTROLLER",
    "true |none |true |true |LEGACY_CSE_NOT_INSTALLED NOT_DOMAIN_CONTROLLER",
    "false|gpo  |true |true |LEGACY_POLICY_PRESENT NO_WINDOWS_LAPS_POLICY LEGACY_CSE_NOT_INSTALLED NOT_DOMAIN_CONTROLLER",
    "false|local0|false|false|LEGACY_POLICY_PRESENT NO_WINDOWS_LAPS_POLICY NOT_DISABLED_LOCALLY",
    "true |local0|true |true |NO_WINDOWS_LAPS_POLICY LEGACY_CSE_NOT_INSTALLED NOT_DOMAIN_CONTROLLER NOT_DISABLED_LOCALLY",
  })
  void everyConditionIsEvaluatedAndNamed(
      boolean legacy, String windows, boolean cse, boolean dc, String failing) {
    Snapshots builder = snapshot();
    if (legacy) {
      builder.set(PolicyRoot.LEGACY_GPO, "AdmPwdEnabled", 1);
    }
    switch (windows.strip()) {
      case "csp" -> builder.set(PolicyRoot.CSP, "BackupDirectory", 1);
      case "gpo" -> builder.set(PolicyRoot.GPO, "PasswordAgeDays", 20);
      case "local0" -> builder.set(PolicyRoot.LOCAL_CONFIG, "BackupDirectory", 0);
      case "local2" -> builder.set(PolicyRoot.LOCAL_CONFIG, "BackupDirectory", 2);
      default -> {
        // no Windows LAPS policy
      }
    }
    DeviceFacts facts = DeviceFacts.member(JoinState.AD).withLegacyCse(cse)
        .withDomainController(dc);
    EmulationDecision decision = EmulationDecision.decide(builder.build(), facts);
    String expected = failing == null ? "" : failing;
    assertEquals(expected, decision.failed().stream().map(c -> c.condition().name())
        .collect(Collectors.joining(" ")));
    assertEquals(failing == null, decision.applies());
    assertEquals(EmulationCondition.values().length, decision.conditions().size());
  }

  @Test
  void everyNoNamesTheFailedConditionAndItsEvidence() {
    EmulationDecision decision = EmulationDecision.decide(snapshot()
        .set(PolicyRoot.LEGACY_GPO, "AdmPwdEnabled", 1)
        .set(PolicyRoot.LOCAL_CONFIG, "BackupDirectory", 0).build(),
        DeviceFacts.member(JoinState.AD).withDomainController(true));
    assertEquals("no: not (no Windows LAPS policy is present): Windows LAPS settings in"
        + " LocalConfig; not (the device is not a domain controller): the device is a domain"
        + " controller; not (emulation is not disabled by BackupDirectory=0 in the local"
        + " configuration): LocalConfig BackupDirectory=0", decision.summary());
    assertEquals(List.of(
        "yes  a legacy LAPS policy is present (LegacyGPO holds AdmPwdEnabled)",
        "NO   no Windows LAPS policy is present (Windows LAPS settings in LocalConfig)",
        "yes  the legacy LAPS CSE is not installed (no AdmPwd CSE registered)",
        "NO   the device is not a domain controller (the device is a domain controller)",
        "NO   emulation is not disabled by BackupDirectory=0 in the local configuration"
            + " (LocalConfig BackupDirectory=0)"),
        decision.conditions().stream().map(ConditionResult::describe).toList());
  }

  @Test
  void legacyMarkersAloneAreNotALegacyPolicy() {
    EmulationDecision decision = EmulationDecision.decide(snapshot()
        .set(PolicyRoot.LEGACY_GPO, "AdmPwdConfigured", 1).build(),
        DeviceFacts.member(JoinState.AD));
    assertFalse(decision.applies());
  }

  @Test
  void emulationAppliesWithOnlyALegacyPolicy() {
    assertTrue(EmulationDecision.decide(snapshot()
        .set(PolicyRoot.LEGACY_GPO, "PasswordLength", 20).build(),
        DeviceFacts.member(JoinState.HYBRID)).applies());
  }
}
