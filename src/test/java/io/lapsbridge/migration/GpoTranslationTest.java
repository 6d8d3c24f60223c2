package io.lapsbridge.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lapsbridge.gpo.PolEntry;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolReader;
import io.lapsbridge.gpo.RegistryPolWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Legacy AdmPwd GPO settings into Windows LAPS GPO settings. */
class GpoTranslationTest {
  private static final String LEGACY = "Software\\Policies\\Microsoft Services\\AdmPwd";
  private static final String WINDOWS = "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS";

  @Test
  void configuredSettingsCarryOverAndDefaultsAreWrittenExplicitly() {
    RegistryPol legacy = RegistryPol.of(
        PolEntry.dword(LEGACY, "AdmPwdEnabled", 1),
        PolEntry.string(LEGACY, "AdminAccountName", "LocalAdm"),
        PolEntry.dword(LEGACY, "PasswordAgeDays", 14),
        PolEntry.dword(LEGACY, "PasswordComplexity", 3),
        PolEntry.dword(LEGACY, "AdmPwdConfigured", 1));
    GpoTranslation.Result result = GpoTranslation.translate("legacy.pol", legacy, false);
    assertEquals(List.of(
        PolEntry.dword(WINDOWS, "BackupDirectory", 2),
        PolEntry.string(WINDOWS, "AdministratorAccountName", "LocalAdm"),
        PolEntry.dword(WINDOWS, "PasswordAgeDays", 14),
        PolEntry.dword(WINDOWS, "PasswordLength", 12),
        PolEntry.dword(WINDOWS, "PasswordComplexity", 3),
        PolEntry.dword(WINDOWS, "PasswordExpirationProtectionEnabled", 0)),
        result.windows().entries());
    GpoTranslation.Line length = result.lines().get(3);
    assertEquals("PasswordLength", length.windowsSetting());
    assertEquals("not configured: written as the legacy client's default, 12; legacy default 12"
        + " differs from the Windows LAPS default 14", length.warning());
    assertNull(result.lines().get(2).warning(), "age 14 is an exact equivalent");
    assertEquals(4, result.warnings());
    byte[] bytes = RegistryPolWriter.write(result.windows());
    assertEquals(result.windows(), RegistryPolReader.read("out.pol", bytes), "round trip");
  }

  @Test
  void disabledLegacyPolicyAndForeignValuesAreWarned() {
    RegistryPol legacy = RegistryPol.of(
        PolEntry.dword(LEGACY, "AdmPwdEnabled", 0),
        PolEntry.dword(LEGACY, "PwdExpirationProtectionEnabled", 1),
        PolEntry.dword(LEGACY, "Mystery", 5),
        PolEntry.dword("Software\\Other", "X", 1));
    GpoTranslation.Result result = GpoTranslation.translate("legacy.pol", legacy, true);
    assertEquals("legacy LAPS is not enabled by this GPO (AdmPwdEnabled is 0); the Windows LAPS"
        + " GPO still backs up to Active Directory", result.lines().get(0).warning());
    assertEquals(PolEntry.dword(WINDOWS, "PasswordExpirationProtectionEnabled", 1),
        result.windows().entries().get(4));
    assertEquals(PolEntry.dword(WINDOWS, "ADPasswordEncryptionEnabled", 0),
        result.windows().entries().get(5));
    assertEquals("not a legacy LAPS setting; no Windows LAPS equivalent, dropped",
        result.lines().stream().filter(l -> "Mystery".equals(l.legacySetting())).findFirst()
            .orElseThrow().warning());
    assertEquals("outside the AdmPwd key; not translated",
        result.lines().get(result.lines().size() - 1).warning());
  }
}
