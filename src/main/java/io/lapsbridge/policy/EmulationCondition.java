package io.lapsbridge.policy;

/**
 * The documented conditions under which Windows LAPS honours a legacy AdmPwd policy
 * ({@code laps-scenarios-legacy.md}); all must hold.
 */
public enum EmulationCondition {
  LEGACY_POLICY_PRESENT("a legacy LAPS policy is present"),
  NO_WINDOWS_LAPS_POLICY("no Windows LAPS policy is present"),
  LEGACY_CSE_NOT_INSTALLED("the legacy LAPS CSE is not installed"),
  NOT_DOMAIN_CONTROLLER("the device is not a domain controller"),
  NOT_DISABLED_LOCALLY("emulation is not disabled by BackupDirectory=0 in the local configuration");

  private final String statement;

  EmulationCondition(String statement) {
    this.statement = statement;
  }

  /** The condition as a statement that should be true, e.g. "a legacy LAPS policy is present". */
  public String statement() {
    return statement;
  }
}
