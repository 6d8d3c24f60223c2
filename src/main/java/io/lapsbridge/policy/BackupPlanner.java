package io.lapsbridge.policy;

import static io.lapsbridge.policy.WindowsLapsSettings.AD_BACKUP_DSRM_PASSWORD;
import static io.lapsbridge.policy.WindowsLapsSettings.AD_ENCRYPTED_PASSWORD_HISTORY_SIZE;
import static io.lapsbridge.policy.WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_ENABLED;
import static io.lapsbridge.policy.WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_PRINCIPAL;
import static io.lapsbridge.policy.WindowsLapsSettings.BACKUP_DIRECTORY;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.JoinState;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an effective policy, the emulation decision and the device facts into a {@link
 * BackupPlan}. Every refusal states its reason; an impossible combination is a {@code problem},
 * never a silent guess.
 */
public final class BackupPlanner {
  /** Windows Server 2016: the lowest domain functional level that supports encryption. */
  public static final int ENCRYPTION_MIN_DFL = 2016;

  private static final String DOMAIN_ADMINS = "Domain Admins of the device's domain";

  private BackupPlanner() {}

  public static BackupPlan plan(
      EffectivePolicy policy, EmulationDecision emulation, DeviceFacts facts) {
    return switch (policy.kind()) {
      case WINDOWS_LAPS -> sideBySide(policy, facts, planWindows(policy, facts));
      case LEGACY -> planLegacy(policy, emulation, facts);
      default -> BackupPlan.none("no LAPS policy in any root: no password is managed", false,
          List.of());
    };
  }

  private static BackupPlan planLegacy(
      EffectivePolicy policy, EmulationDecision emulation, DeviceFacts facts) {
    if (!emulation.applies()) {
      if (facts.domainController()) {
        return BackupPlan.none("a legacy LAPS policy reaches this domain controller; Windows LAPS"
            + " never honours it on a domain controller", true, List.of());
      }
      if (facts.legacyCseInstalled()) {
        return BackupPlan.none("the legacy LAPS CSE is installed, so it (not Windows LAPS)"
            + " applies the legacy policy", false, List.of());
      }
      return BackupPlan.none("legacy emulation does not apply: " + emulation.summary(), false,
          List.of());
    }
    if (policy.number(LegacySettings.ADM_PWD_ENABLED) != 1) {
      return BackupPlan.none("legacy emulation applies, but AdmPwdEnabled is not 1, so the"
          + " legacy policy does not enable password management", false, List.of());
    }
    if (!facts.joinState().hasActiveDirectory()) {
      return BackupPlan.none("legacy emulation writes to Active Directory, but the device is "
          + facts.joinState().description(), true, List.of());
    }
    String name = policy.text(LegacySettings.ADMIN_ACCOUNT_NAME);
    ManagedAccount account = name.isEmpty()
        ? new ManagedAccount.BuiltInAdministrator()
        : new ManagedAccount.Named(name);
    return new BackupPlan(BackupDirectory.ACTIVE_DIRECTORY, Optional.of(AttributeFamily.LEGACY),
        new Encryption.Cleartext(), 0, false, account,
        (int) policy.number(LegacySettings.PASSWORD_AGE_DAYS),
        (int) policy.number(LegacySettings.PASSWORD_COMPLEXITY),
        (int) policy.number(LegacySettings.PASSWORD_LENGTH),
        policy.number(LegacySettings.PWD_EXPIRATION_PROTECTION_ENABLED) == 1,
        "legacy Microsoft LAPS emulation: clear text in "
            + LapsAttribute.LEGACY_PASSWORD.ldapName() + ", no encryption, history"
            + " or DSRM backup", false, List.of());
  }

  private static BackupPlan planWindows(EffectivePolicy policy, DeviceFacts facts) {
    PolicyRoot root = policy.winningRoot().orElseThrow();
    long directory = policy.number(BACKUP_DIRECTORY);
    List<String> notes = new ArrayList<>();
    JoinState join = facts.joinState();
    if (directory == 0) {
      if (PolicyResolver.holdsSettings(policy.snapshot().root(PolicyRoot.LEGACY_GPO))) {
        notes.add("the legacy LAPS policy is ignored because " + root.displayName()
            + " holds a Windows LAPS policy");
      }
      return BackupPlan.none("BackupDirectory=0 in " + root.displayName()
          + ": Windows LAPS is disabled and no password is managed", false, notes);
    }
    if (facts.domainController() && join != JoinState.AD) {
      return BackupPlan.none("the device is said to be a domain controller but "
          + join.description() + "; a domain controller is Active Directory joined", true, notes);
    }
    if (facts.domainController() && root == PolicyRoot.CSP) {
      return BackupPlan.none("a CSP policy reaches this domain controller; domain controllers"
          + " are never CSP-managed", true, notes);
    }
    if (directory == 1) {
      return planEntra(policy, facts, notes);
    }
    return planActiveDirectory(policy, facts, notes);
  }

  private static BackupPlan planEntra(
      EffectivePolicy policy, DeviceFacts facts, List<String> notes) {
    JoinState join = facts.joinState();
    if (facts.domainController()) {
      return BackupPlan.none("BackupDirectory=1 (Microsoft Entra ID) on a domain controller: a"
          + " domain controller backs up only its DSRM password, and only to Active Directory",
          true, notes);
    }
    if (!join.hasEntra()) {
      return BackupPlan.none("BackupDirectory=1 (Microsoft Entra ID), but the device is "
          + join.description() + ", so it cannot back up to Microsoft Entra ID", true, notes);
    }
    if (join == JoinState.HYBRID) {
      notes.add("hybrid device: backs up to Microsoft Entra ID only, never also to"
          + " Active Directory");
    }
    return new BackupPlan(BackupDirectory.ENTRA_ID, Optional.empty(),
        new Encryption.NotApplicable("Microsoft Entra ID encrypts stored passwords itself"), 0,
        false, account(policy), age(policy), complexity(policy), length(policy), false,
        "BackupDirectory=1 in " + policy.winningRoot().orElseThrow().displayName()
            + ": back up to Microsoft Entra ID", false, notes);
  }

  private static BackupPlan planActiveDirectory(
      EffectivePolicy policy, DeviceFacts facts, List<String> notes) {
    JoinState join = facts.joinState();
    String rootName = policy.winningRoot().orElseThrow().displayName();
    if (!join.hasActiveDirectory()) {
      return BackupPlan.none("BackupDirectory=2 (Active Directory), but the device is "
          + join.description() + ", so it cannot back up to Active Directory", true, notes);
    }
    boolean wanted = policy.number(AD_PASSWORD_ENCRYPTION_ENABLED) == 1;
    boolean encrypted = wanted;
    String noEncryptionBecause = "ADPasswordEncryptionEnabled=0";
    if (wanted && facts.domainFunctionalLevel().isPresent()
        && facts.domainFunctionalLevel().getAsInt() < ENCRYPTION_MIN_DFL) {
      encrypted = false;
      noEncryptionBecause = "the domain functional level is "
          + facts.domainFunctionalLevel().getAsInt() + ", below " + ENCRYPTION_MIN_DFL;
      notes.add("ADPasswordEncryptionEnabled=1, but " + noEncryptionBecause
          + ": the password is stored in clear text in " + LapsAttribute.PASSWORD.ldapName()
          + ", as the LAPS CSP"
          + " documents");
    } else if (wanted && facts.domainFunctionalLevel().isEmpty()) {
      notes.add("encryption needs domain functional level " + ENCRYPTION_MIN_DFL
          + " or higher; the level is unknown and assumed to be met");
    }
    String principal = policy.text(AD_PASSWORD_ENCRYPTION_PRINCIPAL);
    if (encrypted && !facts.domainController() && !principal.isEmpty()
        && !PrincipalName.isValid(principal)) {
      // The 2025 policy documentation (newer than the CSP page, which says "falls back to Domain
      // Admins") says an invalid principal fails policy processing: nothing is backed up.
      return BackupPlan.none("ADPasswordEncryptionPrincipal \"" + principal + "\" is not a SID,"
          + " DOMAIN\\name or name@domain: policy processing fails and no password is backed up",
          true, notes);
    }
    int history = encrypted ? (int) policy.number(AD_ENCRYPTED_PASSWORD_HISTORY_SIZE) : 0;
    if (!encrypted && wanted
        && policy.get(AD_ENCRYPTED_PASSWORD_HISTORY_SIZE).number() > 0) {
      notes.add("ADEncryptedPasswordHistorySize has no effect: history is kept only for"
          + " encrypted passwords");
    }
    boolean protection =
        policy.number(WindowsLapsSettings.PASSWORD_EXPIRATION_PROTECTION_ENABLED) == 1;
    boolean dsrmWanted = policy.number(AD_BACKUP_DSRM_PASSWORD) == 1;
    if (facts.domainController()) {
      if (!dsrmWanted) {
        return BackupPlan.none("domain controller: Windows LAPS manages only the DSRM account"
            + " there, and ADBackupDSRMPassword is 0", false, notes);
      }
      if (!encrypted) {
        return BackupPlan.none("ADBackupDSRMPassword=1, but DSRM backup requires encryption and "
            + noEncryptionBecause, true, notes);
      }
      if (!principal.isEmpty()) {
        notes.add("ADPasswordEncryptionPrincipal is ignored for DSRM: the DSRM password is"
            + " always encrypted to Domain Admins");
      }
      notes.add("DSRM backup needs the domain controller to run Windows Server 2019 or later");
      return new BackupPlan(BackupDirectory.ACTIVE_DIRECTORY, Optional.of(AttributeFamily.WINDOWS),
          new Encryption.Encrypted("Domain Admins of the domain controller's domain"), history,
          true, new ManagedAccount.Dsrm(), age(policy), complexity(policy), length(policy),
          protection, "domain controller, BackupDirectory=2 in " + rootName
              + ": back up the DSRM password to Active Directory, encrypted", false, notes);
    }
    if (dsrmWanted && policy.get(AD_BACKUP_DSRM_PASSWORD).ignoredBecause().isEmpty()) {
      notes.add("ADBackupDSRMPassword=1 has no effect: the device is not a domain controller");
    }
    if (join == JoinState.HYBRID) {
      notes.add("hybrid device: backs up to Active Directory only, never also to"
          + " Microsoft Entra ID");
    }
    Encryption encryption = encrypted
        ? new Encryption.Encrypted(principal.isEmpty() ? DOMAIN_ADMINS : principal)
        : new Encryption.Cleartext();
    return new BackupPlan(BackupDirectory.ACTIVE_DIRECTORY, Optional.of(AttributeFamily.WINDOWS),
        encryption, history, false, account(policy), age(policy), complexity(policy),
        length(policy), protection, "BackupDirectory=2 in " + rootName
            + ": back up to Active Directory" + (encrypted ? ", encrypted" : ", in clear text"),
        false, notes);
  }

  /**
   * With the legacy CSE installed, an enabled legacy policy keeps running next to Windows LAPS.
   * Microsoft supports that only when the two manage different accounts; on the same account each
   * overwrites the other's password, so the directory copy is wrong half the time.
   */
  private static BackupPlan sideBySide(EffectivePolicy policy, DeviceFacts facts, BackupPlan plan) {
    RootSettings legacy = policy.snapshot().root(PolicyRoot.LEGACY_GPO);
    boolean legacyEnabled = legacy.get(LegacySettings.ADM_PWD_ENABLED.name())
        .flatMap(RawValue::asNumber).map(n -> n == 1).orElse(false);
    if (!plan.backsUp() || plan.dsrm() || !facts.legacyCseInstalled() || !legacyEnabled) {
      return plan;
    }
    String legacyName = legacy.get(LegacySettings.ADMIN_ACCOUNT_NAME.name())
        .flatMap(RawValue::asText).orElse("");
    ManagedAccount legacyAccount = legacyName.isEmpty()
        ? new ManagedAccount.BuiltInAdministrator() : new ManagedAccount.Named(legacyName);
    if (sameAccount(plan.account(), legacyAccount)) {
      return plan.withProblem("the legacy LAPS CSE is installed and its policy manages the same"
          + " account (" + legacyAccount.describe() + "); side by side is supported only for"
          + " different accounts");
    }
    return plan;
  }

  private static boolean sameAccount(ManagedAccount windows, ManagedAccount legacy) {
    boolean windowsBuiltIn = windows instanceof ManagedAccount.BuiltInAdministrator
        || (windows instanceof ManagedAccount.Automatic a && a.builtIn());
    if (legacy instanceof ManagedAccount.BuiltInAdministrator) {
      return windowsBuiltIn;
    }
    String legacyName = ((ManagedAccount.Named) legacy).name();
    if (windows instanceof ManagedAccount.Named n) {
      return n.name().equalsIgnoreCase(legacyName);
    }
    return windows instanceof ManagedAccount.Automatic a && !a.builtIn() && !a.randomizeName()
        && a.nameOrPrefix().equalsIgnoreCase(legacyName);
  }

  private static ManagedAccount account(EffectivePolicy policy) {
    if (policy.number(WindowsLapsSettings.AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLED) == 1) {
      return new ManagedAccount.Automatic(
          policy.number(WindowsLapsSettings.AUTOMATIC_ACCOUNT_MANAGEMENT_TARGET) == 0,
          policy.text(WindowsLapsSettings.AUTOMATIC_ACCOUNT_MANAGEMENT_NAME_OR_PREFIX),
          policy.number(WindowsLapsSettings.AUTOMATIC_ACCOUNT_MANAGEMENT_RANDOMIZE_NAME) == 1,
          policy.number(WindowsLapsSettings.AUTOMATIC_ACCOUNT_MANAGEMENT_ENABLE_ACCOUNT) == 1);
    }
    String name = policy.text(WindowsLapsSettings.ADMINISTRATOR_ACCOUNT_NAME);
    return name.isEmpty() ? new ManagedAccount.BuiltInAdministrator()
        : new ManagedAccount.Named(name);
  }

  private static int age(EffectivePolicy policy) {
    return (int) policy.number(WindowsLapsSettings.PASSWORD_AGE_DAYS);
  }

  private static int complexity(EffectivePolicy policy) {
    return (int) policy.number(WindowsLapsSettings.PASSWORD_COMPLEXITY);
  }

  private static int length(EffectivePolicy policy) {
    return complexity(policy) >= 6
        ? (int) policy.number(WindowsLapsSettings.PASSPHRASE_LENGTH)
        : (int) policy.number(WindowsLapsSettings.PASSWORD_LENGTH);
  }
}
