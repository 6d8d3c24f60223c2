package io.lapsbridge.policy;

import static io.lapsbridge.policy.Snapshots.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.JoinState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupPlannerTest {

  private static PolicyEvaluation evaluate(Snapshots snapshot, DeviceFacts facts) {
    return PolicyEngine.evaluate(snapshot.build(), facts);
  }

  /** Every join state x BackupDirectory cell, on a member and on a domain controller. */
  @ParameterizedTest(name = "{0} BackupDirectory={1} dc={2}")
  @CsvSource(delimiter = '|', value = {
    "ENTRA |0|false|NONE            |false|BackupDirectory=0 in GPO: Windows LAPS is disabled and no password is managed",
    "ENTRA |1|false|ENTRA_ID        |false|BackupDirectory=1 in GPO: back up to Microsoft Entra ID",
    "ENTRA |2|false|NONE            |true |BackupDirectory=2 (Active Directory), but the device is Microsoft Entra joined, so it cannot back up to Active Directory",
    "AD    |0|false|NONE            |false|BackupDirectory=0 in GPO: Windows LAPS is disabled and no password is managed",
    "AD    |1|false|NONE            |true |BackupDirectory=1 (Microsoft Entra ID), but the device is Active Directory joined, so it cannot back up to Microsoft Entra ID",
    "AD    |2|false|ACTIVE_DIRECTORY|false|BackupDirectory=2 in GPO: back up to Active Directory, encrypted",
    "HYBRID|0|false|NONE            |false|BackupDirectory=0 in GPO: Windows LAPS is disabled and no password is managed",
    "HYBRID|1|false|ENTRA_ID        |false|BackupDirectory=1 in GPO: back up to Microsoft Entra ID",
    "HYBRID|2|false|ACTIVE_DIRECTORY|false|BackupDirectory=2 in GPO: back up to Active Directory, encrypted",
    "NONE  |0|false|NONE            |false|BackupDirectory=0 in GPO: Windows LAPS is disabled and no password is managed",
    "NONE  |1|false|NONE            |true |BackupDirectory=1 (Microsoft Entra ID), but the device is not joined to any directory, so it cannot back up to Microsoft Entra ID",
    "NONE  |2|false|NONE            |true |BackupDirectory=2 (Active Directory), but the device is not joined to any directory, so it cannot back up to Active Directory",
    "AD    |0|true |NONE            |false|BackupDirectory=0 in GPO: Windows LAPS is disabled and no password is managed",
    "AD    |1|true |NONE            |true |BackupDirectory=1 (Microsoft Entra ID) on a domain controller: a domain controller backs up only its DSRM password, and only to Active Directory",
    "AD    |2|true |ACTIVE_DIRECTORY|false|domain controller, BackupDirectory=2 in GPO: back up the DSRM password to Active Directory, encrypted",
    "ENTRA |2|true |NONE            |true |the device is said to be a domain controller but Microsoft Entra joined; a domain controller is Active Directory joined",
    "HYBRID|2|true |NONE            |true |the device is said to be a domain controller but hybrid joined (Active Directory and Microsoft Entra); a domain controller is Active Directory joined",
    "NONE  |1|true |NONE            |true |the device is said to be a domain controller but not joined to any directory; a domain controller is Active Directory joined",
  })
  void joinStateByBackupDirectory(JoinState join, int directory, boolean dc,
      BackupDirectory expected, boolean problem, String reason) {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", directory)
        .set(PolicyRoot.GPO, "ADBackupDSRMPassword", 1),
        DeviceFacts.member(join).withDomainController(dc)).plan();
    assertEquals(expected, plan.directory());
    assertEquals(problem, plan.problem());
    assertEquals(reason, plan.reason());
    assertEquals(expected == BackupDirectory.ACTIVE_DIRECTORY && dc, plan.dsrm());
  }

  @Test
  void memberAdPlanCarriesEverySetting() {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "ADEncryptedPasswordHistorySize", 5)
        .set(PolicyRoot.GPO, "ADPasswordEncryptionPrincipal", "CORP\\LAPS Readers")
        .set(PolicyRoot.GPO, "AdministratorAccountName", "lapsadmin")
        .set(PolicyRoot.GPO, "PasswordAgeDays", 14)
        .set(PolicyRoot.GPO, "PasswordComplexity", 5)
        .set(PolicyRoot.GPO, "PasswordLength", 20)
        .set(PolicyRoot.GPO, "ADBackupDSRMPassword", 1),
        DeviceFacts.member(JoinState.AD).withDomainFunctionalLevel(2016)).plan();
    assertEquals(BackupDirectory.ACTIVE_DIRECTORY, plan.directory());
    assertEquals(Optional.of(AttributeFamily.WINDOWS), plan.attributeFamily());
    assertEquals(new Encryption.Encrypted("CORP\\LAPS Readers"), plan.encryption());
    assertEquals(5, plan.historySize());
    assertFalse(plan.dsrm());
    assertEquals(new ManagedAccount.Named("lapsadmin"), plan.account());
    assertEquals(14, plan.passwordAgeDays());
    assertEquals(5, plan.complexity());
    assertEquals(20, plan.length());
    assertTrue(plan.expirationProtection());
    assertEquals(List.of("ADBackupDSRMPassword=1 has no effect: the device is not a domain"
        + " controller"), plan.notes());
  }

  @Test
  void dsrmOnDomainControllerAlwaysEncryptsToDomainAdmins() {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "ADBackupDSRMPassword", 1)
        .set(PolicyRoot.GPO, "ADEncryptedPasswordHistorySize", 2)
        .set(PolicyRoot.GPO, "ADPasswordEncryptionPrincipal", "S-1-5-21-1-2-3-1111"),
        DeviceFacts.member(JoinState.AD).withDomainController(true)
            .withDomainFunctionalLevel(2016)).plan();
    assertTrue(plan.dsrm());
    assertEquals(new ManagedAccount.Dsrm(), plan.account());
    assertEquals(new Encryption.Encrypted("Domain Admins of the domain controller's domain"),
        plan.encryption());
    assertEquals(2, plan.historySize());
    assertEquals("msLAPS-EncryptedDSRMPassword, msLAPS-EncryptedDSRMPasswordHistory,"
        + " msLAPS-PasswordExpirationTime", plan.passwordTarget());
    assertTrue(plan.notes().contains("ADPasswordEncryptionPrincipal is ignored for DSRM: the"
        + " DSRM password is always encrypted to Domain Admins"));
  }

  @Test
  void dsrmOffOnDomainControllerManagesNothing() {
    BackupPlan plan = evaluate(snapshot().set(PolicyRoot.GPO, "BackupDirectory", 2),
        DeviceFacts.member(JoinState.AD).withDomainController(true)).plan();
    assertEquals(BackupDirectory.NONE, plan.directory());
    assertFalse(plan.problem());
    assertEquals("domain controller: Windows LAPS manages only the DSRM account there, and"
        + " ADBackupDSRMPassword is 0", plan.reason());
  }

  @Test
  void dsrmWithoutEncryptionIsImpossible() {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "ADBackupDSRMPassword", 1)
        .set(PolicyRoot.GPO, "ADPasswordEncryptionEnabled", 0),
        DeviceFacts.member(JoinState.AD).withDomainController(true)).plan();
    assertTrue(plan.problem());
    assertEquals("ADBackupDSRMPassword=1, but DSRM backup requires encryption and"
        + " ADPasswordEncryptionEnabled=0", plan.reason());
  }

  @Test
  void dsrmBelowFunctionalLevel2016IsImpossible() {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "ADBackupDSRMPassword", 1),
        DeviceFacts.member(JoinState.AD).withDomainController(true)
            .withDomainFunctionalLevel(2012)).plan();
    assertTrue(plan.problem());
    assertEquals("ADBackupDSRMPassword=1, but DSRM backup requires encryption and the domain"
        + " functional level is 2012, below 2016", plan.reason());
  }

  @Test
  void encryptionBelowFunctionalLevel2016FallsBackToClearText() {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "ADEncryptedPasswordHistorySize", 4),
        DeviceFacts.member(JoinState.AD).withDomainFunctionalLevel(2012)).plan();
    assertEquals(new Encryption.Cleartext(), plan.encryption());
    assertEquals(0, plan.historySize());
    assertEquals("msLAPS-Password, msLAPS-PasswordExpirationTime", plan.passwordTarget());
    assertEquals(List.of(
        "ADPasswordEncryptionEnabled=1, but the domain functional level is 2012, below 2016: the"
            + " password is stored in clear text in msLAPS-Password, as the LAPS CSP documents",
        "ADEncryptedPasswordHistorySize has no effect: history is kept only for encrypted"
            + " passwords"), plan.notes());
  }

  @Test
  void invalidEncryptionPrincipalFailsPolicyProcessing() {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.GPO, "ADPasswordEncryptionPrincipal", "\"LAPS Readers\""),
        DeviceFacts.member(JoinState.AD)).plan();
    assertTrue(plan.problem());
    assertEquals("ADPasswordEncryptionPrincipal \"\"LAPS Readers\"\" is not a SID, DOMAIN\\name or"
        + " name@domain: policy processing fails and no password is backed up", plan.reason());
  }

  @Test
  void hybridBacksUpToOneDirectoryOnly() {
    BackupPlan entra = evaluate(snapshot().set(PolicyRoot.CSP, "BackupDirectory", 1),
        DeviceFacts.member(JoinState.HYBRID)).plan();
    assertEquals(BackupDirectory.ENTRA_ID, entra.directory());
    assertEquals(Optional.empty(), entra.attributeFamily());
    assertEquals(List.of("hybrid device: backs up to Microsoft Entra ID only, never also to"
        + " Active Directory"), entra.notes());
    assertFalse(entra.expirationProtection());
  }

  @Test
  void cspOnDomainControllerIsImpossible() {
    BackupPlan plan = evaluate(snapshot().set(PolicyRoot.CSP, "BackupDirectory", 2),
        DeviceFacts.member(JoinState.AD).withDomainController(true)).plan();
    assertTrue(plan.problem());
    assertEquals("a CSP policy reaches this domain controller; domain controllers are never"
        + " CSP-managed", plan.reason());
  }

  @Test
  void legacyEmulationWritesClearTextLegacyAttributesOnly() {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.LEGACY_GPO, "AdmPwdEnabled", 1)
        .set(PolicyRoot.LEGACY_GPO, "AdminAccountName", "helpdesk")
        .set(PolicyRoot.LEGACY_GPO, "PasswordLength", 16),
        DeviceFacts.member(JoinState.AD)).plan();
    assertEquals(BackupDirectory.ACTIVE_DIRECTORY, plan.directory());
    assertEquals(Optional.of(AttributeFamily.LEGACY), plan.attributeFamily());
    assertEquals(new Encryption.Cleartext(), plan.encryption());
    assertEquals(0, plan.historySize());
    assertFalse(plan.dsrm());
    assertFalse(plan.expirationProtection());
    assertEquals(new ManagedAccount.Named("helpdesk"), plan.account());
    assertEquals(16, plan.length());
    assertEquals(4, plan.complexity());
    assertEquals("ms-Mcs-AdmPwd, ms-Mcs-AdmPwdExpirationTime", plan.passwordTarget());
  }

  @ParameterizedTest(name = "legacy policy, {0}, dc={1}, cse={2}, enabled={3}")
  @CsvSource(delimiter = '|', value = {
    "ENTRA |false|false|1|true |legacy emulation writes to Active Directory, but the device is Microsoft Entra joined",
    "NONE  |false|false|1|true |legacy emulation writes to Active Directory, but the device is not joined to any directory",
    "AD    |true |false|1|true |a legacy LAPS policy reaches this domain controller; Windows LAPS never honours it on a domain controller",
    "AD    |false|true |1|false|the legacy LAPS CSE is installed, so it (not Windows LAPS) applies the legacy policy",
    "AD    |false|false|0|false|legacy emulation applies, but AdmPwdEnabled is not 1, so the legacy policy does not enable password management",
  })
  void legacyPolicyThatIsNotEmulated(JoinState join, boolean dc, boolean cse, int enabled,
      boolean problem, String reason) {
    BackupPlan plan = evaluate(snapshot().set(PolicyRoot.LEGACY_GPO, "AdmPwdEnabled", enabled),
        DeviceFacts.member(join).withDomainController(dc).withLegacyCse(cse)).plan();
    assertEquals(BackupDirectory.NONE, plan.directory());
    assertEquals(problem, plan.problem());
    assertEquals(reason, plan.reason());
  }

  @Test
  void localConfigBackupDirectoryZeroDisablesEmulation() {
    PolicyEvaluation evaluation = evaluate(snapshot()
        .set(PolicyRoot.LEGACY_GPO, "AdmPwdEnabled", 1)
        .set(PolicyRoot.LOCAL_CONFIG, "BackupDirectory", 0),
        DeviceFacts.member(JoinState.AD));
    assertFalse(evaluation.emulation().applies());
    assertEquals(Optional.of(PolicyRoot.LOCAL_CONFIG), evaluation.policy().winningRoot());
    assertEquals(BackupDirectory.NONE, evaluation.plan().directory());
    assertEquals(List.of("the legacy LAPS policy is ignored because LocalConfig holds a Windows"
        + " LAPS policy"), evaluation.plan().notes());
  }

  @ParameterizedTest(name = "windows account {0}, legacy account {1}")
  @CsvSource(delimiter = '|', value = {
    "''       |''       |true",
    "helpdesk |HELPDESK |true",
    "lapsadmin|helpdesk |false",
    "''       |helpdesk |false",
  })
  void sideBySideOnTheSameAccountIsAProblem(String windows, String legacy, boolean problem) {
    Snapshots snapshot = snapshot()
        .set(PolicyRoot.GPO, "BackupDirectory", 2)
        .set(PolicyRoot.LEGACY_GPO, "AdmPwdEnabled", 1);
    if (!windows.isEmpty()) {
      snapshot.set(PolicyRoot.GPO, "AdministratorAccountName", windows);
    }
    if (!legacy.isEmpty()) {
      snapshot.set(PolicyRoot.LEGACY_GPO, "AdminAccountName", legacy);
    }
    BackupPlan plan = evaluate(snapshot, DeviceFacts.member(JoinState.AD).withLegacyCse(true))
        .plan();
    assertEquals(BackupDirectory.ACTIVE_DIRECTORY, plan.directory());
    assertEquals(problem, plan.problem());
    if (problem) {
      assertEquals("the legacy LAPS CSE is installed and its policy manages the same account ("
          + (legacy.isEmpty() ? "built-in Administrator (RID 500)" : "\"" + legacy + "\"")
          + "); side by side is supported only for different accounts",
          plan.notes().get(plan.notes().size() - 1));
    }
    // Without the CSE the legacy policy is simply ignored.
    assertFalse(evaluate(snapshot, DeviceFacts.member(JoinState.AD)).plan().problem());
  }

  @Test
  void automaticAccountManagement() {
    BackupPlan plan = evaluate(snapshot()
        .set(PolicyRoot.CSP, "BackupDirectory", 1)
        .set(PolicyRoot.CSP, "AutomaticAccountManagementEnabled", 1)
        .set(PolicyRoot.CSP, "AutomaticAccountManagementRandomizeName", 1)
        .set(PolicyRoot.CSP, "PasswordComplexity", 6),
        DeviceFacts.member(JoinState.ENTRA)).plan();
    assertEquals("automatic: new account \"WLapsAdmin\" + six random digits, disabled",
        plan.account().describe());
    assertEquals(6, plan.length());
    assertEquals("words", plan.lengthUnit());
  }

  @Test
  void principalSyntax() {
    assertTrue(PrincipalName.isValid("S-1-5-21-1004336348-1177238915-682003330-512"));
    assertTrue(PrincipalName.isValid("CORP\\LAPS Admins"));
    assertTrue(PrincipalName.isValid("laps-admins@corp.example"));
    assertFalse(PrincipalName.isValid("LAPS Admins"));
    assertFalse(PrincipalName.isValid("CORP\\(admins)"));
    assertFalse(PrincipalName.isValid("S-1-"));
  }
}
