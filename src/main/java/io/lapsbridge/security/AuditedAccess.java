package io.lapsbridge.security;

/** Which password reads an audit ACE records, as {@code Set-LapsADAuditing -AuditedAccess} takes it. */
public enum AuditedAccess {
  SUCCESS(AceFlags.SUCCESSFUL_ACCESS),
  FAILURE(AceFlags.FAILED_ACCESS),
  BOTH(AceFlags.SUCCESSFUL_ACCESS | AceFlags.FAILED_ACCESS);

  private final int aceFlags;

  AuditedAccess(int aceFlags) {
    this.aceFlags = aceFlags;
  }

  /** The audit flags of the ACE header (MS-DTYP 2.4.4.1). */
  public int aceFlags() {
    return aceFlags;
  }
}
