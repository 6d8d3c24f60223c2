package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.gpo.PolEntry;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.gpo.RegistryPolWriter;
import io.lapsbridge.policy.PolicyRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy show} for the seed's four scenarios (reference section 5): a legacy-only estate
 * under emulation, Windows LAPS to Active Directory, an Entra-joined device, and a hybrid device;
 * plus the impossible combinations and the error paths.
 */
class PolicyCommandTest {
  private static final String LAPS = PolicyRoot.GPO.subKey();
  private static final String ADMPWD = PolicyRoot.LEGACY_GPO.subKey();

  @TempDir Path dir;

  record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Lapsbridge.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(status, out.toString(), err.toString());
  }

  private Path pol(String name, PolEntry... entries) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, RegistryPolWriter.write(RegistryPol.of(entries)));
    return file;
  }

  private Path json(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static void assertLines(String output, String... lines) {
    for (String line : lines) {
      assertTrue(Arrays.asList(output.split("\n")).contains(line),
          "missing line <" + line + "> in:\n" + output);
    }
  }

  @Test
  void scenario1LegacyEstateUnderEmulation() throws IOException {
    Path legacy = pol("legacy.pol",
        PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1),
        PolEntry.dword(ADMPWD, "AdmPwdConfigured", 1),
        PolEntry.dword(ADMPWD, "PasswordComplexity", 4),
        PolEntry.dword(ADMPWD, "PasswordLength", 14),
        PolEntry.dword(ADMPWD, "PasswordAgeDays", 30));
    Result result = run("policy", "show", "--registry-pol", legacy.toString(),
        "--join-state", "ad");
    assertEquals(0, result.status(), result.err());
    assertEquals("", result.err());
    assertLines(result.out(),
        "Winning root: LegacyGPO (HKLM\\Software\\Policies\\Microsoft Services\\AdmPwd)",
        "  AdmPwdEnabled = 1  [LegacyGPO]",
        "  AdminAccountName = \"\"  [default: not set in LegacyGPO]",
        "  PwdExpirationProtectionEnabled = 0  [default: not set in LegacyGPO]",
        "Legacy emulation: yes",
        "  yes  no Windows LAPS policy is present (CSP, GPO and LocalConfig hold no setting)",
        "Backup plan: Active Directory",
        "  reason: legacy Microsoft LAPS emulation: clear text in ms-Mcs-AdmPwd, no encryption,"
            + " history or DSRM backup",
        "  attribute family: LEGACY",
        "  stored in: ms-Mcs-AdmPwd, ms-Mcs-AdmPwdExpirationTime",
        "  encryption: none (clear text)",
        "  history size: 0",
        "  DSRM: no",
        "  account: built-in Administrator (RID 500)",
        "  length: 14 characters",
        "  expiration protection: off",
        "Warnings: none");
  }

  @Test
  void scenario2WindowsLapsToActiveDirectoryOverridesLegacy() throws IOException {
    Path legacy = pol("legacy.pol", PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1));
    Path windows = pol("windows.pol",
        PolEntry.dword(LAPS, "BackupDirectory", 2),
        PolEntry.dword(LAPS, "ADEncryptedPasswordHistorySize", 12),
        PolEntry.string(LAPS, "ADPasswordEncryptionPrincipal", "CORP\\LAPS Readers"),
        PolEntry.string(LAPS, "AdministratorAccountName", "lapsadmin"));
    Result result = run("policy", "show", "--registry-pol", legacy.toString(),
        "--registry-pol", windows.toString(), "--join-state", "ad",
        "--domain-functional-level", "2016");
    assertEquals(0, result.status(), result.err());
    assertLines(result.out(),
        "Winning root: GPO (HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS)",
        "  BackupDirectory = 2  [GPO]",
        "  ADEncryptedPasswordHistorySize = 12  [GPO]",
        "Legacy emulation: no",
        "  NO   no Windows LAPS policy is present (Windows LAPS settings in GPO)",
        "Backup plan: Active Directory",
        "  reason: BackupDirectory=2 in GPO: back up to Active Directory, encrypted",
        "  attribute family: WINDOWS",
        "  stored in: msLAPS-EncryptedPassword, msLAPS-EncryptedPasswordHistory,"
            + " msLAPS-PasswordExpirationTime",
        "  encryption: DPAPI-NG to CORP\\LAPS Readers",
        "  history size: 12",
        "  account: \"lapsadmin\"",
        "  expiration protection: on");
  }

  @Test
  void scenario3EntraJoinedDeviceFromCsp() throws IOException {
    Path file = json("entra.json", "{\"csp\": {\"BackupDirectory\": 1, \"PasswordAgeDays\": 3,"
        + " \"PasswordComplexity\": 6, \"PassphraseLength\": 5},"
        + " \"device\": {\"joinState\": \"entra\"}}");
    Result result = run("policy", "show", "--policy-file", file.toString());
    assertEquals(0, result.status(), result.err());
    assertLines(result.out(),
        "Winning root: CSP (HKLM\\Software\\Microsoft\\Policies\\LAPS)",
        "  PasswordAgeDays = 30  [default: CSP value 3 is out of range 7-365]",
        "  ADPasswordEncryptionEnabled = 1  [default: not set in CSP]  (ignored: applies only"
            + " with BackupDirectory=2 (Active Directory))",
        "Backup plan: Microsoft Entra ID",
        "  reason: BackupDirectory=1 in CSP: back up to Microsoft Entra ID",
        "  attribute family: none",
        "  stored in: Entra ID device object (deviceLocalCredentials)",
        "  encryption: not applicable (Microsoft Entra ID encrypts stored passwords itself)",
        "  length: 5 words",
        "Warnings:",
        "  PasswordAgeDays: CSP value 3 is out of range 7-365; using the default 30");
  }

  @Test
  void scenario4HybridDeviceBacksUpToOneDirectory() throws IOException {
    Path file = json("hybrid.json", "{\"csp\": {\"BackupDirectory\": 2}}");
    Result result = run("policy", "show", "--policy-file", file.toString(),
        "--join-state", "hybrid", "--domain-functional-level", "2012");
    assertEquals(0, result.status(), result.err());
    assertLines(result.out(),
        "Backup plan: Active Directory",
        "  reason: BackupDirectory=2 in CSP: back up to Active Directory, in clear text",
        "  stored in: msLAPS-Password, msLAPS-PasswordExpirationTime",
        "  note: ADPasswordEncryptionEnabled=1, but the domain functional level is 2012, below"
            + " 2016: the password is stored in clear text in msLAPS-Password, as the LAPS CSP"
            + " documents",
        "  note: hybrid device: backs up to Active Directory only, never also to Microsoft Entra"
            + " ID");
  }

  @Test
  void impossibleCombinationExitsOneWithAPreciseReason() throws IOException {
    Path windows = pol("entra.pol", PolEntry.dword(LAPS, "BackupDirectory", 1));
    Result result = run("policy", "show", "--registry-pol", windows.toString(),
        "--join-state", "ad");
    assertEquals(1, result.status());
    assertLines(result.out(),
        "Backup plan: none (PROBLEM)",
        "  reason: BackupDirectory=1 (Microsoft Entra ID), but the device is Active Directory"
            + " joined, so it cannot back up to Microsoft Entra ID");
  }

  @Test
  void domainControllerDsrm() throws IOException {
    Path windows = pol("dc.pol",
        PolEntry.dword(LAPS, "BackupDirectory", 2),
        PolEntry.dword(LAPS, "ADBackupDSRMPassword", 1));
    Result result = run("policy", "show", "--registry-pol", windows.toString(),
        "--join-state", "ad", "--domain-controller");
    assertEquals(0, result.status());
    assertLines(result.out(),
        "  DSRM: yes",
        "  account: DSRM account",
        "  encryption: DPAPI-NG to Domain Admins of the domain controller's domain");
  }

  @Test
  void jsonFormat() throws IOException {
    Path legacy = pol("legacy.pol", PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1));
    Result result = run("policy", "show", "--registry-pol", legacy.toString(),
        "--join-state", "ad", "--format", "json");
    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().contains("\"winningRoot\" : \"LegacyGPO\""), result.out());
    assertTrue(result.out().contains("\"applies\" : true"), result.out());
    assertTrue(result.out().contains("\"attributeFamily\" : \"LEGACY\""), result.out());
  }

  @Test
  void corruptRegistryPolIsAUsageErrorWithFileAndOffset() throws IOException {
    Path bad = dir.resolve("bad.pol");
    Files.write(bad, new byte[] {'P', 'R', 'e', 'g', 2, 0, 0, 0});
    Result result = run("policy", "show", "--registry-pol", bad.toString(), "--join-state", "ad");
    assertEquals(2, result.status());
    assertEquals("", result.out());
    assertEquals("lapsbridge: " + bad + ":4: unsupported version 2: expected 1\n",
        result.err().replace("\r\n", "\n"));
  }

  @Test
  void badPolicyFileIsAUsageErrorWithLineAndColumn() throws IOException {
    Path bad = json("bad.json", "{\n  \"gpo\": {\"BackupDirectory\": true}\n}\n");
    Result result = run("policy", "show", "--policy-file", bad.toString(), "--join-state", "ad");
    assertEquals(2, result.status());
    assertEquals("lapsbridge: " + bad + ":2:30: \"BackupDirectory\" must be an integer or a"
        + " string\n", result.err().replace("\r\n", "\n"));
    Path typo = json("typo.json", "{\"gpos\": {}}");
    assertEquals("lapsbridge: " + typo + ":1:2: unknown member \"gpos\" (expected csp, gpo,"
        + " localConfig, legacyGpo or device)\n",
        run("policy", "show", "--policy-file", typo.toString(), "--join-state", "ad").err());
  }

  @Test
  void missingJoinStateAndSourcesAreUsageErrors() throws IOException {
    Path legacy = pol("legacy.pol", PolEntry.dword(ADMPWD, "AdmPwdEnabled", 1));
    Result noJoin = run("policy", "show", "--registry-pol", legacy.toString());
    assertEquals(2, noJoin.status());
    assertEquals("lapsbridge: usage: --join-state is required (entra, ad, hybrid or none) unless"
        + " the policy file states device.joinState\n", noJoin.err());
    Result noSource = run("policy", "show", "--join-state", "ad");
    assertEquals("lapsbridge: usage: give at least one policy source: --registry-pol,"
        + " --policy-file or --registry\n", noSource.err());
    Result missing = run("policy", "show", "--registry-pol", dir.resolve("nope.pol").toString(),
        "--join-state", "ad");
    assertEquals("lapsbridge: usage: " + dir.resolve("nope.pol") + ": no such file\n",
        missing.err());
  }

  @Test
  void liveRegistryIsRefusedOffWindows() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        io.lapsbridge.platform.windows.WindowsRegistryPolicySource.supported());
    Result result = run("policy", "show", "--registry", "--join-state", "ad");
    assertEquals(2, result.status());
    assertEquals("lapsbridge: usage: --registry reads the Windows registry and works only on"
        + " Windows; use --registry-pol or --policy-file here\n", result.err());
  }

  @Test
  void generatePasswordPrintsOneCompliantPassword() {
    Result result = run("policy", "generate-password", "--complexity", "5", "--length", "20");
    assertEquals(0, result.status(), result.err());
    assertTrue(result.out().matches("[ABCDEFGHJKLMNPRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
        + "!#%+@:=?*]{20}\\R"), "unexpected password shape");
    Result phrase = run("policy", "generate-password", "--complexity", "8");
    assertTrue(phrase.out().matches("([A-Z][a-z-]+){6}\\R"), "unexpected passphrase shape");
    Result bad = run("policy", "generate-password", "--complexity", "4", "--length", "7");
    assertEquals(2, bad.status());
    assertEquals("lapsbridge: usage: password length 7 is out of range 8-64\n", bad.err());
  }
}
