package io.lapsbridge.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy Microsoft LAPS (AdmPwd) settings with the legacy client's own defaults: the values
 * AdmPwd.dll uses when a setting is not configured (its {@code Config.cpp}).
 *
 * <p>The legacy client's 2016 quirk that silently raised lengths 8-11 to 12 is not reproduced:
 * lengths 8-64 are accepted as the ADMX documents them.
 */
public final class LegacySettings {
  private LegacySettings() {}

  /** 1 = manage the local administrator password; anything else leaves it alone. */
  public static final SettingSpec ADM_PWD_ENABLED =
      SettingSpec.number("AdmPwdEnabled", ValueDomain.choices(0, 1), 0);
  /** Empty means the built-in Administrator (RID 500). */
  public static final SettingSpec ADMIN_ACCOUNT_NAME = SettingSpec.text("AdminAccountName", "");
  public static final SettingSpec PASSWORD_COMPLEXITY =
      SettingSpec.number("PasswordComplexity", ValueDomain.range(1, 4), 4);
  /** The client's default is 12, although the Microsoft ADMX pre-fills 14 when enabled. */
  public static final SettingSpec PASSWORD_LENGTH =
      SettingSpec.number("PasswordLength", ValueDomain.range(8, 64), 12);
  public static final SettingSpec PASSWORD_AGE_DAYS =
      SettingSpec.number("PasswordAgeDays", ValueDomain.range(1, 365), 30);
  /** Defaults off in legacy mode, unlike Windows LAPS' PasswordExpirationProtectionEnabled. */
  public static final SettingSpec PWD_EXPIRATION_PROTECTION_ENABLED =
      SettingSpec.number("PwdExpirationProtectionEnabled", ValueDomain.choices(0, 1), 0);

  /** Every setting, in the order explanations list them. */
  public static final List<SettingSpec> ALL = List.of(
      ADM_PWD_ENABLED,
      ADMIN_ACCOUNT_NAME,
      PASSWORD_AGE_DAYS,
      PASSWORD_COMPLEXITY,
      PASSWORD_LENGTH,
      PWD_EXPIRATION_PROTECTION_ENABLED);

  /** Values the legacy ADMX writes as "policy enabled" markers; the client ignores them. */
  public static final Set<String> MARKERS = Set.of("AdmPwdConfigured", "AdminNameConfigured");

  public static Optional<SettingSpec> named(String name) {
    return ALL.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
  }

  static boolean isMarker(String name) {
    return MARKERS.stream().anyMatch(m -> m.equalsIgnoreCase(name));
  }
}
