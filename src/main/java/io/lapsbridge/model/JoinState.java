package io.lapsbridge.model;

import java.util.Locale;

/** How a device is joined, which decides the directories it may back a password up to. */
public enum JoinState {
  /** Microsoft Entra joined only: backs up to Entra ID only. */
  ENTRA("Microsoft Entra joined"),
  /** Joined to Windows Server Active Directory only: backs up to AD only. */
  AD("Active Directory joined"),
  /** Hybrid joined (AD and Entra): backs up to one of them, never both. */
  HYBRID("hybrid joined (Active Directory and Microsoft Entra)"),
  /** Workgroup device: no directory to back up to. */
  NONE("not joined to any directory");

  private final String description;

  JoinState(String description) {
    this.description = description;
  }

  /** A phrase for explanations, e.g. "Active Directory joined". */
  public String description() {
    return description;
  }

  /** Whether the device can reach Windows Server Active Directory. */
  public boolean hasActiveDirectory() {
    return this == AD || this == HYBRID;
  }

  /** Whether the device can reach Microsoft Entra ID. */
  public boolean hasEntra() {
    return this == ENTRA || this == HYBRID;
  }

  /** The lower-case name used on the command line and in JSON. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
