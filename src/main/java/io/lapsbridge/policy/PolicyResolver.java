package io.lapsbridge.policy;

import static io.lapsbridge.policy.WindowsLapsSettings.AD_BACKUP_DSRM_PASSWORD;
import static io.lapsbridge.policy.WindowsLapsSettings.AD_ENCRYPTED_PASSWORD_HISTORY_SIZE;
import static io.lapsbridge.policy.WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_ENABLED;
import static io.lapsbridge.policy.WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_PRINCIPAL;
import static io.lapsbridge.policy.WindowsLapsSettings.ADMINISTRATOR_ACCOUNT_NAME;
import static io.lapsbridge.policy.WindowsLapsSettings.AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLED;
import static io.lapsbridge.policy.WindowsLapsSettings.BACKUP_DIRECTORY;
import static io.lapsbridge.policy.WindowsLapsSettings.PASSPHRASE_LENGTH;
import static io.lapsbridge.policy.WindowsLapsSettings.PASSWORD_AGE_DAYS;
import static io.lapsbridge.policy.WindowsLapsSettings.PASSWORD_COMPLEXITY;
import static io.lapsbridge.policy.WindowsLapsSettings.PASSWORD_EXPIRATION_PROTECTION_ENABLED;
import static io.lapsbridge.policy.WindowsLapsSettings.PASSWORD_LENGTH;
import static io.lapsbridge.policy.WindowsLapsSettings.POST_AUTHENTICATION_ACTIONS;
import static io.lapsbridge.policy.WindowsLapsSettings.POST_AUTHENTICATION_RESET_DELAY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies Windows LAPS precedence and value rules to a {@link PolicySnapshot}.
 *
 * <p>The first root (CSP, GPO, local configuration, legacy GPO) holding at least one known
 * setting is the whole policy; the others are not consulted, so values are never merged. In the
 * winning root an unset or unsupported value takes the documented default, and an unsupported one
 * also yields a warning that carries the raw value.
 */
public final class PolicyResolver {
  private static final Set<SettingSpec> AD_ONLY = Set.of(
      PASSWORD_EXPIRATION_PROTECTION_ENABLED,
      AD_PASSWORD_ENCRYPTION_ENABLED,
      AD_PASSWORD_ENCRYPTION_PRINCIPAL,
      AD_ENCRYPTED_PASSWORD_HISTORY_SIZE,
      AD_BACKUP_DSRM_PASSWORD);
  private static final Set<SettingSpec> NEEDS_ENCRYPTION = Set.of(
      AD_PASSWORD_ENCRYPTION_PRINCIPAL, AD_ENCRYPTED_PASSWORD_HISTORY_SIZE, AD_BACKUP_DSRM_PASSWORD);

  private PolicyResolver() {}

  /** Whether {@code settings} holds at least one setting of its root's family. */
  public static boolean holdsSettings(RootSettings settings) {
    return settings.values().keySet().stream().anyMatch(name -> settings.root().isWindowsLaps()
        ? WindowsLapsSettings.named(name).isPresent()
        : LegacySettings.named(name).isPresent());
  }

  /** The effective policy of {@code snapshot}. */
  public static EffectivePolicy resolve(PolicySnapshot snapshot) {
    for (PolicyRoot root : PolicyRoot.values()) {
      RootSettings settings = snapshot.root(root);
      if (holdsSettings(settings)) {
        return root.isWindowsLaps()
            ? resolveWindows(settings, snapshot)
            : resolveLegacy(settings, snapshot);
      }
    }
    return resolveNone(snapshot);
  }

  private static EffectivePolicy resolveNone(PolicySnapshot snapshot) {
    List<ExplainedValue> values = new ArrayList<>();
    for (SettingSpec spec : WindowsLapsSettings.ALL) {
      ExplainedValue value = new ExplainedValue(spec, spec.defaultValue(),
          new Provenance.Unset("no LAPS policy in any root"), Optional.empty());
      values.add(spec.equals(BACKUP_DIRECTORY)
          ? value
          : value.ignored("BackupDirectory=0 disables Windows LAPS"));
    }
    return new EffectivePolicy(PolicyKind.NONE, Optional.empty(), values, List.of(), snapshot);
  }

  private static EffectivePolicy resolveWindows(RootSettings settings, PolicySnapshot snapshot) {
    List<PolicyWarning> warnings = new ArrayList<>();
    Map<SettingSpec, ExplainedValue> values = new LinkedHashMap<>();
    ExplainedValue backup = explain(BACKUP_DIRECTORY, BACKUP_DIRECTORY.domain(), settings, warnings);
    long directory = backup.number();
    for (SettingSpec spec : WindowsLapsSettings.ALL) {
      ValueDomain domain = spec.domain();
      if (spec.equals(PASSWORD_AGE_DAYS) && directory == 1) {
        // Entra ID refuses rotations more often than weekly.
        domain = ValueDomain.range(WindowsLapsSettings.ENTRA_MIN_AGE, 365);
      }
      values.put(spec, spec.equals(BACKUP_DIRECTORY)
          ? backup
          : explain(spec, domain, settings, directory == 0 ? null : warnings));
    }
    if (directory == 0) {
      values.replaceAll((spec, value) -> spec.equals(BACKUP_DIRECTORY)
          ? value
          : value.ignored("BackupDirectory=0 disables every other setting"));
    } else {
      applyDependencies(values, settings.root(), directory);
    }
    unknownNames(settings, warnings, true);
    return new EffectivePolicy(PolicyKind.WINDOWS_LAPS, Optional.of(settings.root()),
        List.copyOf(values.values()), warnings, snapshot);
  }

  private static void applyDependencies(
      Map<SettingSpec, ExplainedValue> values, PolicyRoot root, long directory) {
    long complexity = values.get(PASSWORD_COMPLEXITY).number();
    if (complexity <= 5) {
      ignore(values, PASSPHRASE_LENGTH, "PasswordComplexity " + complexity + " makes passwords");
    } else {
      ignore(values, PASSWORD_LENGTH, "PasswordComplexity " + complexity + " makes passphrases");
    }
    if (directory == 1) {
      for (SettingSpec spec : AD_ONLY) {
        ignore(values, spec, "applies only with BackupDirectory=2 (Active Directory)");
      }
    } else if (values.get(AD_PASSWORD_ENCRYPTION_ENABLED).number() == 0) {
      for (SettingSpec spec : NEEDS_ENCRYPTION) {
        ignore(values, spec, "applies only when ADPasswordEncryptionEnabled=1");
      }
    }
    if (root == PolicyRoot.CSP) {
      ignore(values, AD_BACKUP_DSRM_PASSWORD,
          "not a CSP setting (domain controllers are never CSP-managed)");
    }
    if (values.get(AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLED).number() == 1) {
      ignore(values, ADMINISTRATOR_ACCOUNT_NAME,
          "AutomaticAccountManagementEnabled=1 chooses the account");
    } else {
      for (SettingSpec spec : WindowsLapsSettings.ALL) {
        if (spec.name().startsWith("AutomaticAccountManagement")
            && !spec.equals(AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLED)) {
          ignore(values, spec, "applies only when AutomaticAccountManagementEnabled=1");
        }
      }
    }
    if (values.get(POST_AUTHENTICATION_RESET_DELAY).number() == 0) {
      ignore(values, POST_AUTHENTICATION_ACTIONS,
          "PostAuthenticationResetDelay=0 disables post-authentication actions");
    }
  }

  private static void ignore(Map<SettingSpec, ExplainedValue> values, SettingSpec spec, String why) {
    values.computeIfPresent(spec, (s, value) -> value.ignored(why));
  }

  private static EffectivePolicy resolveLegacy(RootSettings settings, PolicySnapshot snapshot) {
    List<PolicyWarning> warnings = new ArrayList<>();
    List<ExplainedValue> values = new ArrayList<>();
    ExplainedValue enabled =
        explain(LegacySettings.ADM_PWD_ENABLED, LegacySettings.ADM_PWD_ENABLED.domain(),
            settings, warnings);
    boolean on = enabled.number() == 1;
    for (SettingSpec spec : LegacySettings.ALL) {
      if (spec.equals(LegacySettings.ADM_PWD_ENABLED)) {
        values.add(enabled);
        continue;
      }
      ExplainedValue value = explain(spec, spec.domain(), settings, warnings);
      values.add(on ? value : value.ignored("AdmPwdEnabled is not 1"));
    }
    unknownNames(settings, warnings, false);
    return new EffectivePolicy(PolicyKind.LEGACY, Optional.of(PolicyRoot.LEGACY_GPO), values,
        warnings, snapshot);
  }

  /** Explains one setting; {@code warnings} is null when a rejection should not be reported. */
  private static ExplainedValue explain(
      SettingSpec spec, ValueDomain domain, RootSettings settings, List<PolicyWarning> warnings) {
    PolicyRoot root = settings.root();
    Optional<RawValue> raw = settings.get(spec.name());
    if (raw.isEmpty()) {
      return new ExplainedValue(spec, spec.defaultValue(),
          new Provenance.Unset("not set in " + root.displayName()), Optional.empty());
    }
    Optional<String> rejection = domain.rejection(raw.get());
    if (rejection.isEmpty()) {
      return new ExplainedValue(spec, raw.get(), new Provenance.Configured(root, raw.get()),
          Optional.empty());
    }
    if (warnings != null) {
      warnings.add(new PolicyWarning(spec.name(), root.displayName() + " value "
          + raw.get().display() + " is " + rejection.get() + "; using the default "
          + spec.defaultValue().display()));
    }
    return new ExplainedValue(spec, spec.defaultValue(),
        new Provenance.Rejected(root, raw.get(), rejection.get()), Optional.empty());
  }

  private static void unknownNames(
      RootSettings settings, List<PolicyWarning> warnings, boolean windows) {
    for (String name : settings.values().keySet()) {
      boolean known = windows
          ? WindowsLapsSettings.named(name).isPresent()
          : LegacySettings.named(name).isPresent() || LegacySettings.isMarker(name);
      if (!known) {
        warnings.add(new PolicyWarning(name, "unknown value in "
            + settings.root().displayName() + " ignored"));
      }
    }
  }
}
