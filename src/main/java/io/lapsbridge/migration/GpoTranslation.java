package io.lapsbridge.migration;

import io.lapsbridge.gpo.GpoPolicySource;
import io.lapsbridge.gpo.PolEntry;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.policy.LegacySettings;
import io.lapsbridge.policy.PolicyRoot;
import io.lapsbridge.policy.RawValue;
import io.lapsbridge.policy.RootSettings;
import io.lapsbridge.policy.SettingSpec;
import io.lapsbridge.policy.WindowsLapsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Translates a legacy AdmPwd GPO's {@code Registry.pol} into the Windows LAPS GPO settings:
 * BackupDirectory=2 (Active Directory), the same account, age, length and complexity, and
 * PasswordExpirationProtectionEnabled as it was. Settings the legacy client left at its own
 * defaults are written explicitly, because the Windows LAPS defaults differ.
 */
public final class GpoTranslation {
  /** The legacy AdmPwd client-side extension. */
  public static final String LEGACY_CSE_GUID = "{D76B9641-3288-4f75-942D-087DE603E3EA}";

  private GpoTranslation() {}

  /**
   * One line of the side-by-side explanation.
   *
   * @param legacySetting the legacy value name, or null for a Windows-only setting
   * @param legacyValue as configured, or null if not configured
   * @param windowsSetting the Windows LAPS value name, or null when dropped
   * @param windowsValue as written, or null when not written
   * @param warning why it is not an exact equivalent, or null when it is
   */
  public record Line(String legacySetting, String legacyValue, String windowsSetting,
      String windowsValue, String warning) {}

  /** The translated policy file and its explanation. */
  public record Result(RegistryPol windows, List<Line> lines) {
    public Result {
      lines = List.copyOf(lines);
    }

    public long warnings() {
      return lines.stream().filter(l -> l.warning() != null).count();
    }
  }

  /**
   * Translates a legacy LAPS GPO into Windows LAPS settings.
   *
   * @param keepCleartext write ADPasswordEncryptionEnabled=0, so passwords stay cleartext as
   *     legacy LAPS kept them
   */
  public static Result translate(String file, RegistryPol legacy, boolean keepCleartext) {
    RootSettings settings =
        new GpoPolicySource(file, List.of(legacy)).read(PolicyRoot.LEGACY_GPO);
    String key = PolicyRoot.GPO.subKey();
    List<PolEntry> out = new ArrayList<>();
    List<Line> lines = new ArrayList<>();

    Optional<RawValue> enabled = settings.get(LegacySettings.ADM_PWD_ENABLED.name());
    boolean on = enabled.flatMap(RawValue::asNumber).map(v -> v == 1).orElse(false);
    out.add(PolEntry.dword(key, WindowsLapsSettings.BACKUP_DIRECTORY.name(), 2));
    lines.add(new Line(LegacySettings.ADM_PWD_ENABLED.name(), show(enabled),
        WindowsLapsSettings.BACKUP_DIRECTORY.name(), "2 (Active Directory)",
        on ? null : "legacy LAPS is not enabled by this GPO (AdmPwdEnabled is "
            + show(enabled) + "); the Windows LAPS GPO still backs up to Active Directory"));

    Optional<RawValue> account = settings.get(LegacySettings.ADMIN_ACCOUNT_NAME.name());
    String accountName = account.flatMap(RawValue::asText).orElse("");
    if (!accountName.isEmpty()) {
      out.add(PolEntry.string(key, WindowsLapsSettings.ADMINISTRATOR_ACCOUNT_NAME.name(),
          accountName));
    }
    lines.add(new Line(LegacySettings.ADMIN_ACCOUNT_NAME.name(), show(account),
        WindowsLapsSettings.ADMINISTRATOR_ACCOUNT_NAME.name(),
        accountName.isEmpty() ? "(not set: built-in Administrator)" : '"' + accountName + '"',
        null));

    number(settings, LegacySettings.PASSWORD_AGE_DAYS, WindowsLapsSettings.PASSWORD_AGE_DAYS,
        key, out, lines, null);
    number(settings, LegacySettings.PASSWORD_LENGTH, WindowsLapsSettings.PASSWORD_LENGTH, key,
        out, lines, "legacy default 12 differs from the Windows LAPS default 14");
    number(settings, LegacySettings.PASSWORD_COMPLEXITY, WindowsLapsSettings.PASSWORD_COMPLEXITY,
        key, out, lines, null);
    number(settings, LegacySettings.PWD_EXPIRATION_PROTECTION_ENABLED,
        WindowsLapsSettings.PASSWORD_EXPIRATION_PROTECTION_ENABLED, key, out, lines,
        "legacy default 0 (off) differs from the Windows LAPS default 1 (on)");

    if (keepCleartext) {
      out.add(PolEntry.dword(key, WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_ENABLED.name(), 0));
    }
    lines.add(new Line(null, null, WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_ENABLED.name(),
        keepCleartext ? "0" : "(not set: 1, encrypted)",
        keepCleartext ? "legacy LAPS has no encryption; kept cleartext as asked"
            : "legacy LAPS stores cleartext; Windows LAPS encrypts by default, which needs the"
                + " 2016 domain functional level and lets only Domain Admins (or"
                + " ADPasswordEncryptionPrincipal) decrypt"));
    lines.add(new Line(null, null, WindowsLapsSettings.POST_AUTHENTICATION_ACTIONS.name(),
        "(not set: 3)", "legacy LAPS has no post-authentication actions; Windows LAPS resets the"
            + " password and signs the account out 24 hours after it is used"));

    for (String name : settings.values().keySet()) {
      boolean known = LegacySettings.named(name).isPresent()
          || LegacySettings.MARKERS.stream().anyMatch(m -> m.equalsIgnoreCase(name));
      if (!known) {
        lines.add(new Line(name, show(settings.get(name)), null, null,
            "not a legacy LAPS setting; no Windows LAPS equivalent, dropped"));
      }
    }
    for (PolEntry entry : legacy.entries()) {
      boolean legacyKey = PolicyRoot.forSubKey(entry.key())
          .filter(PolicyRoot.LEGACY_GPO::equals).isPresent();
      if (!legacyKey) {
        lines.add(new Line(entry.key() + "\\" + entry.valueName(), null, null, null,
            "outside the AdmPwd key; not translated"));
      } else if (entry.valueName().toLowerCase(Locale.ROOT).startsWith("**del")) {
        lines.add(new Line(entry.valueName(), null, null, null,
            "a delete instruction; the Windows LAPS GPO starts clean, so it has no equivalent"));
      }
    }
    return new Result(new RegistryPol(out), lines);
  }

  private static void number(RootSettings settings, SettingSpec legacy, SettingSpec windows,
      String key, List<PolEntry> out, List<Line> lines, String defaultWarning) {
    Optional<RawValue> configured = settings.get(legacy.name());
    RawValue value = configured.orElse(legacy.defaultValue());
    Optional<String> rejection = windows.domain().rejection(value);
    if (rejection.isPresent() || value.asNumber().isEmpty()) {
      lines.add(new Line(legacy.name(), show(configured), windows.name(), null,
          "value " + value.display() + " is not valid for Windows LAPS ("
              + rejection.orElse("not a number") + "); not written"));
      return;
    }
    out.add(PolEntry.dword(key, windows.name(), value.asNumber().get()));
    String warning = configured.isEmpty() && !value.equals(windows.defaultValue())
        ? "not configured: written as the legacy client's default, "
            + value.display() + "; " + defaultWarning
        : null;
    lines.add(new Line(legacy.name(), show(configured), windows.name(), value.display(), warning));
  }

  private static String show(Optional<RawValue> value) {
    return value.map(RawValue::display).orElse("(not configured)");
  }
}
