package io.lapsbridge.policy;

/**
 * The four registry roots Windows LAPS reads policy from, in precedence order (first wins).
 *
 * <p>The first root that holds at least one setting is the whole policy; roots are never merged.
 */
public enum PolicyRoot {
  /** LAPS CSP, written by Intune or another MDM. */
  CSP("CSP", "HKLM\\Software\\Microsoft\\Policies\\LAPS"),
  /** Windows LAPS Group Policy (LAPS.admx). */
  GPO("GPO", "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS"),
  /** Local configuration, for testing and for disabling legacy emulation. */
  LOCAL_CONFIG("LocalConfig", "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\LAPS\\Config"),
  /** Legacy Microsoft LAPS (AdmPwd) Group Policy, honoured only in legacy emulation. */
  LEGACY_GPO("LegacyGPO", "HKLM\\Software\\Policies\\Microsoft Services\\AdmPwd");

  private final String displayName;
  private final String registryPath;

  PolicyRoot(String displayName, String registryPath) {
    this.displayName = displayName;
    this.registryPath = registryPath;
  }

  /** The short name shown in explanations, e.g. {@code GPO}. */
  public String displayName() {
    return displayName;
  }

  /** The full registry key, starting with {@code HKLM\}. */
  public String registryPath() {
    return registryPath;
  }

  /** The key below HKLM, as Registry.pol files and the registry API spell it. */
  public String subKey() {
    return registryPath.substring("HKLM\\".length());
  }

  /** Whether this root carries Windows LAPS settings (as opposed to legacy AdmPwd settings). */
  public boolean isWindowsLaps() {
    return this != LEGACY_GPO;
  }

  /** The root whose registry key is {@code subKey} (case-insensitive), if any. */
  public static java.util.Optional<PolicyRoot> forSubKey(String subKey) {
    String wanted = subKey.startsWith("\\") ? subKey.substring(1) : subKey;
    for (PolicyRoot root : values()) {
      if (root.subKey().equalsIgnoreCase(wanted)) {
        return java.util.Optional.of(root);
      }
    }
    return java.util.Optional.empty();
  }
}
