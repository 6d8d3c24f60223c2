package io.lapsbridge.model;

/** Where a stored LAPS password came from, named as {@code Get-LapsADPassword} names them. */
public enum PasswordSource {
  LEGACY_CLEARTEXT("LegacyLapsCleartextPassword", AttributeFamily.LEGACY),
  WINDOWS_CLEARTEXT("CleartextPassword", AttributeFamily.WINDOWS),
  WINDOWS_ENCRYPTED("EncryptedPassword", AttributeFamily.WINDOWS),
  WINDOWS_ENCRYPTED_HISTORY("EncryptedPasswordHistory", AttributeFamily.WINDOWS),
  WINDOWS_ENCRYPTED_DSRM("EncryptedDSRMPassword", AttributeFamily.WINDOWS),
  WINDOWS_ENCRYPTED_DSRM_HISTORY("EncryptedDSRMPasswordHistory", AttributeFamily.WINDOWS);

  private final String displayName;
  private final AttributeFamily family;

  PasswordSource(String displayName, AttributeFamily family) {
    this.displayName = displayName;
    this.family = family;
  }

  /** The name {@code Get-LapsADPassword} prints in its Source column. */
  public String displayName() {
    return displayName;
  }

  public AttributeFamily family() {
    return family;
  }

  public boolean isEncrypted() {
    return this != LEGACY_CLEARTEXT && this != WINDOWS_CLEARTEXT;
  }
}
