package io.lapsbridge.policy;

import java.util.List;
import java.util.Optional;

/**
 * Every Windows LAPS policy setting with its documented range and default
 * ({@code laps-management-policy-settings.md}, 2025 version, cross-checked with the LAPS CSP).
 */
public final class WindowsLapsSettings {
  private WindowsLapsSettings() {}

  /** 0 = disabled, 1 = Microsoft Entra ID, 2 = Active Directory. */
  public static final SettingSpec BACKUP_DIRECTORY =
      SettingSpec.number("BackupDirectory", ValueDomain.choices(0, 1, 2), 0);
  /** Empty means the built-in Administrator (RID 500), even when renamed. */
  public static final SettingSpec ADMINISTRATOR_ACCOUNT_NAME =
      SettingSpec.text("AdministratorAccountName", "");
  /** 1-365; the lower bound is 7 when backing up to Entra ID (see {@link #ENTRA_MIN_AGE}). */
  public static final SettingSpec PASSWORD_AGE_DAYS =
      SettingSpec.number("PasswordAgeDays", ValueDomain.range(1, 365), 30);
  public static final SettingSpec PASSWORD_LENGTH =
      SettingSpec.number("PasswordLength", ValueDomain.range(8, 64), 14);
  public static final SettingSpec PASSPHRASE_LENGTH =
      SettingSpec.number("PassphraseLength", ValueDomain.range(3, 10), 6);
  public static final SettingSpec PASSWORD_COMPLEXITY =
      SettingSpec.number("PasswordComplexity", ValueDomain.range(1, 8), 4);
  public static final SettingSpec PASSWORD_EXPIRATION_PROTECTION_ENABLED =
      SettingSpec.number("PasswordExpirationProtectionEnabled", ValueDomain.choices(0, 1), 1);
  public static final SettingSpec AD_PASSWORD_ENCRYPTION_ENABLED =
      SettingSpec.number("ADPasswordEncryptionEnabled", ValueDomain.choices(0, 1), 1);
  /** Empty means Domain Admins of the device's domain. */
  public static final SettingSpec AD_PASSWORD_ENCRYPTION_PRINCIPAL =
      SettingSpec.text("ADPasswordEncryptionPrincipal", "");
  public static final SettingSpec AD_ENCRYPTED_PASSWORD_HISTORY_SIZE =
      SettingSpec.number("ADEncryptedPasswordHistorySize", ValueDomain.range(0, 12), 0);
  public static final SettingSpec AD_BACKUP_DSRM_PASSWORD =
      SettingSpec.number("ADBackupDSRMPassword", ValueDomain.choices(0, 1), 0);
  /** Hours; 0 disables post-authentication actions. */
  public static final SettingSpec POST_AUTHENTICATION_RESET_DELAY =
      SettingSpec.number("PostAuthenticationResetDelay", ValueDomain.range(0, 24), 24);
  /** 1 reset, 3 reset + sign out, 5 reset + reboot, 11 reset + sign out + end processes. */
  public static final SettingSpec POST_AUTHENTICATION_ACTIONS =
      SettingSpec.number("PostAuthenticationActions", ValueDomain.choices(1, 3, 5, 11), 3);
  public static final SettingSpec AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLED =
      SettingSpec.number("AutomaticAccountManagementEnabled", ValueDomain.choices(0, 1), 0);
  /** 0 = built-in Administrator, 1 = a new custom account. */
  public static final SettingSpec AUTOMATIC_ACCOUNT_MANAGEMENT_TARGET =
      SettingSpec.number("AutomaticAccountManagementTarget", ValueDomain.choices(0, 1), 1);
  public static final SettingSpec AUTOMATIC_ACCOUNT_MANAGEMENT_NAME_OR_PREFIX =
      SettingSpec.text("AutomaticAccountManagementNameOrPrefix", "WLapsAdmin");
  public static final SettingSpec AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLE_ACCOUNT =
      SettingSpec.number("AutomaticAccountManagementEnableAccount", ValueDomain.choices(0, 1), 0);
  public static final SettingSpec AUTOMATIC_ACCOUNT_MANAGEMENT_RANDOMIZE_NAME =
      SettingSpec.number("AutomaticAccountManagementRandomizeName", ValueDomain.choices(0, 1), 0);

  /** Entra ID requires at least seven days between rotations. */
  public static final int ENTRA_MIN_AGE = 7;

  /** Every setting, in the order explanations list them. */
  public static final List<SettingSpec> ALL = List.of(
      BACKUP_DIRECTORY,
      ADMINISTRATOR_ACCOUNT_NAME,
      PASSWORD_AGE_DAYS,
      PASSWORD_COMPLEXITY,
      PASSWORD_LENGTH,
      PASSPHRASE_LENGTH,
      PASSWORD_EXPIRATION_PROTECTION_ENABLED,
      AD_PASSWORD_ENCRYPTION_ENABLED,
      AD_PASSWORD_ENCRYPTION_PRINCIPAL,
      AD_ENCRYPTED_PASSWORD_HISTORY_SIZE,
      AD_BACKUP_DSRM_PASSWORD,
      POST_AUTHENTICATION_RESET_DELAY,
      POST_AUTHENTICATION_ACTIONS,
      AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLED,
      AUTOMATIC_ACCOUNT_MANAGEMENT_TARGET,
      AUTOMATIC_ACCOUNT_MANAGEMENT_NAME_OR_PREFIX,
      AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLE_ACCOUNT,
      AUTOMATIC_ACCOUNT_MANAGEMENT_RANDOMIZE_NAME);

  /** The setting called {@code name} (case-insensitive). */
  public static Optional<SettingSpec> named(String name) {
    return ALL.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
  }
}
