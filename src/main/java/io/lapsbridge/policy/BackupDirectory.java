package io.lapsbridge.policy;

/** The one directory a device backs its password up to; never both. */
public enum BackupDirectory {
  NONE("none"),
  ENTRA_ID("Microsoft Entra ID"),
  ACTIVE_DIRECTORY("Active Directory");

  private final String displayName;

  BackupDirectory(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
