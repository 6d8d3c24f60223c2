package io.lapsbridge.policy;

/** Which family of settings the winning root holds. */
public enum PolicyKind {
  /** A Windows LAPS root (CSP, GPO or local configuration) won. */
  WINDOWS_LAPS,
  /** Only the legacy AdmPwd root holds settings. */
  LEGACY,
  /** No root holds any setting. */
  NONE
}
