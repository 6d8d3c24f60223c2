package io.lapsbridge.policy;

import static io.lapsbridge.policy.Snapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyResolverTest {

  /** Every subset of the four roots, each root holding a distinctive PasswordAgeDays. */
  static Stream<Arguments> everyRootCombination() {
    return IntStream.range(0, 16).mapToObj(mask -> Arguments.of(mask));
  }

  @ParameterizedTest(name = "roots mask {0}")
  @MethodSource("everyRootCombination")
  void firstRootHoldingAnySettingWinsAndRootsAreNeverMerged(int mask) {
    Snapshots builder = snapshot();
    List<PolicyRoot> present = new ArrayList<>();
    PolicyRoot[] roots = PolicyRoot.values();
    for (int i = 0; i < roots.length; i++) {
      if ((mask & (1 << i)) != 0) {
        present.add(roots[i]);
        // Each root sets its own age, and only the lowest root sets the account name, so a merge
        // would show up as a foreign value.
        builder.set(roots[i], "PasswordAgeDays", 10 + i);
      }
    }
    if ((mask & 0b1000) != 0) {
      builder.set(PolicyRoot.LEGACY_GPO, "AdminAccountName", "legacyadmin");
    }
    if (!present.isEmpty()) {
      builder.set(present.get(present.size() - 1), "AdministratorAccountName", "lowest");
    }
    EffectivePolicy policy = PolicyResolver.resolve(builder.build());

    Optional<PolicyRoot> expected = present.stream().findFirst();
    assertEquals(expected, policy.winningRoot());
    if (expected.isEmpty()) {
      assertEquals(PolicyKind.NONE, policy.kind());
      return;
    }
    PolicyRoot winner = expected.get();
    SettingSpec age = winner.isWindowsLaps()
        ? WindowsLapsSettings.PASSWORD_AGE_DAYS : LegacySettings.PASSWORD_AGE_DAYS;
    int winnerAge = 10 + List.of(roots).indexOf(winner);
    assertEquals(winnerAge, policy.number(age));
    assertEquals(new Provenance.Configured(winner, RawValue.of(winnerAge)),
        policy.get(age).provenance());
    if (winner.isWindowsLaps()) {
      boolean winnerIsLowest = present.get(present.size() - 1) == winner;
      assertEquals(winnerIsLowest ? "lowest" : "",
          policy.text(WindowsLapsSettings.ADMINISTRATOR_ACCOUNT_NAME));
    }
  }

  @Test
  void rootWithOnlyUnknownValuesDoesNotWin() {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.CSP, "SomethingElse", 1)
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .build());
    assertEquals(Optional.of(PolicyRoot.GPO), policy.winningRoot());
  }

  /** name, raw value, expected effective value, expected warning (empty = none). */
  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "PasswordAgeDays|1|1|",
    "PasswordAgeDays|365|365|",
    "PasswordAgeDays|0|30|PasswordAgeDays: GPO value 0 is out of range 1-365; using the default 30",
    "PasswordAgeDays|366|30|PasswordAgeDays: GPO value 366 is out of range 1-365; using the default 30",
    "PasswordLength|8|8|",
    "PasswordLength|64|64|",
    "PasswordLength|7|14|PasswordLength: GPO value 7 is out of range 8-64; using the default 14",
    "PasswordLength|65|14|PasswordLength: GPO value 65 is out of range 8-64; using the default 14",
    "PasswordComplexity|1|1|",
    "PasswordComplexity|8|8|",
    "PasswordComplexity|0|4|PasswordComplexity: GPO value 0 is out of range 1-8; using the default 4",
    "PasswordComplexity|9|4|PasswordComplexity: GPO value 9 is out of range 1-8; using the default 4",
    "PassphraseLength|3|3|",
    "PassphraseLength|10|10|",
    "PassphraseLength|2|6|PassphraseLength: GPO value 2 is out of range 3-10; using the default 6",
    "PassphraseLength|11|6|PassphraseLength: GPO value 11 is out of range 3-10; using the default 6",
    "PasswordExpirationProtectionEnabled|0|0|",
    "PasswordExpirationProtectionEnabled|2|1|PasswordExpirationProtectionEnabled: GPO value 2 is not one of 0, 1; using the default 1",
    "ADPasswordEncryptionEnabled|0|0|",
    "ADPasswordEncryptionEnabled|7|1|ADPasswordEncryptionEnabled: GPO value 7 is not one of 0, 1; using the default 1",
    "ADEncryptedPasswordHistorySize|12|12|",
    "ADEncryptedPasswordHistorySize|13|0|ADEncryptedPasswordHistorySize: GPO value 13 is out of range 0-12; using the default 0",
    "ADBackupDSRMPassword|1|1|",
    "ADBackupDSRMPassword|2|0|ADBackupDSRMPassword: GPO value 2 is not one of 0, 1; using the default 0",
    "PostAuthenticationResetDelay|0|0|",
    "PostAuthenticationResetDelay|24|24|",
    "PostAuthenticationResetDelay|25|24|PostAuthenticationResetDelay: GPO value 25 is out of range 0-24; using the default 24",
    "PostAuthenticationActions|1|1|",
    "PostAuthenticationActions|5|5|",
    "PostAuthenticationActions|11|11|",
    "PostAuthenticationActions|2|3|PostAuthenticationActions: GPO value 2 is not one of 1, 3, 5, 11; using the default 3",
    "AutomaticAccountManagementEnabled|1|1|",
    "AutomaticAccountManagementEnabled|3|0|AutomaticAccountManagementEnabled: GPO value 3 is not one of 0, 1; using the default 0",
    "AutomaticAccountManagementTarget|0|0|",
    "AutomaticAccountManagementTarget|2|1|AutomaticAccountManagementTarget: GPO value 2 is not one of 0, 1; using the default 1",
    "AutomaticAccountManagementEnableAccount|1|1|",
    "AutomaticAccountManagementEnableAccount|9|0|AutomaticAccountManagementEnableAccount: GPO value 9 is not one of 0, 1; using the default 0",
    "AutomaticAccountManagementRandomizeName|1|1|",
    "AutomaticAccountManagementRandomizeName|4294967295|0|AutomaticAccountManagementRandomizeName: GPO value 4294967295 is not one of 0, 1; using the default 0",
  })
  void windowsValueRangesAndDefaults(String name, long raw, long expected, String warning) {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, name, raw)
        .build());
    SettingSpec spec = WindowsLapsSettings.named(name).orElseThrow();
    assertEquals(expected, policy.number(spec));
    if (warning == null) {
      assertEquals(List.of(), policy.warnings());
      assertEquals(new Provenance.Configured(PolicyRoot.GPO, RawValue.of(raw)),
          policy.get(spec).provenance());
    } else {
      assertEquals(List.of(warning), policy.warnings().stream().map(PolicyWarning::describe)
          .toList());
      assertTrue(policy.get(spec).provenance().defaulted());
    }
  }

  @Test
  void unsetSettingsTakeDocumentedDefaults() {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2).build());
    long[] expected = {2, -1, 30, 4, 14, 6, 1, 1, -1, 0, 0, 24, 3, 0, 1, -1, 0, 0};
    List<SettingSpec> all = WindowsLapsSettings.ALL;
    for (int i = 0; i < all.size(); i++) {
      ExplainedValue value = policy.get(all.get(i));
      if (expected[i] >= 0) {
        assertEquals(expected[i], value.number(), all.get(i).name());
      }
      if (i > 0) {
        assertEquals(new Provenance.Unset("not set in GPO"), value.provenance());
      }
    }
    assertEquals("", policy.text(WindowsLapsSettings.ADMINISTRATOR_ACCOUNT_NAME));
    assertEquals("WLapsAdmin",
        policy.text(WindowsLapsSettings.AUTOMATIC_ACCOUNT_MANAGEMENT_NAME_OR_PREFIX));
  }

  @Test
  void entraRaisesTheMinimumAgeToSevenDays() {
    EffectivePolicy entra = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.CSP, "BackupDirectory", 1)
        .set(PolicyRoot.CSP, "PasswordAgeDays", 6).build());
    assertEquals(30, entra.number(WindowsLapsSettings.PASSWORD_AGE_DAYS));
    assertEquals("PasswordAgeDays: CSP value 6 is out of range 7-365; using the default 30",
        entra.warnings().get(0).describe());
    EffectivePolicy ad = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.CSP, "BackupDirectory", 2)
        .set(PolicyRoot.CSP, "PasswordAgeDays", 6).build());
    assertEquals(6, ad.number(WindowsLapsSettings.PASSWORD_AGE_DAYS));
  }

  @Test
  void backupDirectoryZeroDisablesEverythingElseWithoutWarnings() {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 0)
        .set(PolicyRoot.GPO, "PasswordLength", 3).build());
    assertEquals(List.of(), policy.warnings());
    for (ExplainedValue value : policy.settings()) {
      if (!value.spec().equals(WindowsLapsSettings.BACKUP_DIRECTORY)) {
        assertEquals(Optional.of("BackupDirectory=0 disables every other setting"),
            value.ignoredBecause(), value.name());
      }
    }
  }

  @Test
  void stringInNumericSettingIsRejected() {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "PasswordAgeDays", "30").build());
    assertEquals("PasswordAgeDays: GPO value \"30\" is not a number (expected 1-365);"
        + " using the default 30", policy.warnings().get(0).describe());
  }

  @Test
  void dependentSettingsAreMarkedIgnored() {
    EffectivePolicy entra = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.CSP, "BackupDirectory", 1)
        .set(PolicyRoot.CSP, "PasswordComplexity", 7)
        .set(PolicyRoot.CSP, "PostAuthenticationResetDelay", 0).build());
    assertEquals(Optional.of("PasswordComplexity 7 makes passphrases"),
        entra.get(WindowsLapsSettings.PASSWORD_LENGTH).ignoredBecause());
    assertEquals(Optional.of("applies only with BackupDirectory=2 (Active Directory)"),
        entra.get(WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_ENABLED).ignoredBecause());
    assertEquals(Optional.of("PostAuthenticationResetDelay=0 disables post-authentication"
        + " actions"), entra.get(WindowsLapsSettings.POST_AUTHENTICATION_ACTIONS).ignoredBecause());
    EffectivePolicy clear = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "ADPasswordEncryptionEnabled", 0)
        .set(PolicyRoot.GPO, "AutomaticAccountManagementEnabled", 1).build());
    assertEquals(Optional.of("applies only when ADPasswordEncryptionEnabled=1"),
        clear.get(WindowsLapsSettings.AD_ENCRYPTED_PASSWORD_HISTORY_SIZE).ignoredBecause());
    assertEquals(Optional.of("AutomaticAccountManagementEnabled=1 chooses the account"),
        clear.get(WindowsLapsSettings.ADMINISTRATOR_ACCOUNT_NAME).ignoredBecause());
    assertFalse(clear.get(WindowsLapsSettings.AUTOMATIC_ACCOUNT_MANAGEMENT_TARGET)
        .ignoredBecause().isPresent());
  }

  @ParameterizedTest(name = "legacy {0}={1} -> {2}")
  @CsvSource(delimiter = '|', value = {
    "PasswordComplexity|1|1|",
    "PasswordComplexity|4|4|",
    "PasswordComplexity|5|4|PasswordComplexity: LegacyGPO value 5 is out of range 1-4; using the default 4",
    "PasswordLength|8|8|",
    "PasswordLength|11|11|",
    "PasswordLength|65|12|PasswordLength: LegacyGPO value 65 is out of range 8-64; using the default 12",
    "PasswordAgeDays|0|30|PasswordAgeDays: LegacyGPO value 0 is out of range 1-365; using the default 30",
    "PwdExpirationProtectionEnabled|1|1|",
    "PwdExpirationProtectionEnabled|2|0|PwdExpirationProtectionEnabled: LegacyGPO value 2 is not one of 0, 1; using the default 0",
  })
  void legacyValueRangesAndDefaults(String name, long raw, long expected, String warning) {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.LEGACY_GPO, "AdmPwdEnabled", 1)
        .set(PolicyRoot.LEGACY_GPO, "AdmPwdConfigured", 1)
        .set(PolicyRoot.LEGACY_GPO, name, raw).build());
    assertEquals(PolicyKind.LEGACY, policy.kind());
    assertEquals(expected, policy.number(LegacySettings.named(name).orElseThrow()));
    assertEquals(warning == null ? List.of() : List.of(warning),
        policy.warnings().stream().map(PolicyWarning::describe).toList());
  }

  @Test
  void legacyDefaultsAreTheLegacyClientsOwn() {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.LEGACY_GPO, "AdmPwdEnabled", 1).build());
    assertEquals(4, policy.number(LegacySettings.PASSWORD_COMPLEXITY));
    assertEquals(12, policy.number(LegacySettings.PASSWORD_LENGTH));
    assertEquals(30, policy.number(LegacySettings.PASSWORD_AGE_DAYS));
    assertEquals(0, policy.number(LegacySettings.PWD_EXPIRATION_PROTECTION_ENABLED));
  }

  @Test
  void unknownValueInWinningRootIsAWarning() {
    EffectivePolicy policy = PolicyResolver.resolve(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "PasswordAgeDayz", 5).build());
    assertEquals(List.of("PasswordAgeDayz: unknown value in GPO ignored"),
        policy.warnings().stream().map(PolicyWarning::describe).toList());
  }
}
