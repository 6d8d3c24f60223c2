package io.lapsbridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.gpo.PolEntry;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.policy.PolicyRoot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncryptionPrincipalCheckTest {
  private static final String KEY = PolicyRoot.GPO.subKey();

  private static EncryptionPolicy read(PolEntry... entries) {
    return EncryptionPolicy.read("gpo.pol", new RegistryPol(List.of(entries)));
  }

  @Test
  void aWindowsLapsPolicyBackingUpToAdEncryptsByDefaultToDomainAdmins() {
    assertEquals(new EncryptionPolicy("gpo.pol", true, "", Optional.empty()),
        read(PolEntry.dword(KEY, "BackupDirectory", 2)));
    assertEquals(new EncryptionPolicy("gpo.pol", true, "S-1-5-21-1-2-3-1105", Optional.empty()),
        read(PolEntry.dword(KEY, "BackupDirectory", 2),
            PolEntry.string(KEY, "ADPasswordEncryptionPrincipal", " S-1-5-21-1-2-3-1105 ")));
  }

  @Test
  void aPrincipalIsNotUsedWithoutEncryptionOrAd() {
    assertEquals(Optional.of("ADPasswordEncryptionEnabled=0: passwords are stored in clear"
        + " text"), read(PolEntry.dword(KEY, "BackupDirectory", 2),
            PolEntry.dword(KEY, "ADPasswordEncryptionEnabled", 0)).notUsed());
    assertEquals(Optional.of("BackupDirectory=1 (not Active Directory)"),
        read(PolEntry.dword(KEY, "BackupDirectory", 1)).notUsed());
    assertEquals(Optional.of("it holds no Windows LAPS policy"), read(PolEntry.dword(
        PolicyRoot.LEGACY_GPO.subKey(), "AdmPwdEnabled", 1)).notUsed());
  }

  @Test
  void anUnresolvedPrincipalIsAProblemAndAResolvedOneNamesItsSid() {
    EncryptionPolicy policy = read(PolEntry.dword(KEY, "BackupDirectory", 2),
        PolEntry.string(KEY, "ADPasswordEncryptionPrincipal", "CORP\\LAPS Decryptors"));
    List<Finding> findings = EncryptionPrincipalCheck.evaluate(List.of(
        new EncryptionPrincipalCheck.Resolved(policy, Optional.empty(), Optional.empty(),
            Optional.of("principal 'CORP\\LAPS Decryptors' not found under DC=corp")),
        new EncryptionPrincipalCheck.Resolved(policy, Optional.of("S-1-5-21-1-2-3-1200"),
            Optional.of("CORP\\LAPS Decryptors"), Optional.empty())));
    assertEquals(Status.PROBLEM, findings.get(0).status());
    assertEquals("ADPasswordEncryptionPrincipal 'CORP\\LAPS Decryptors' does not resolve:"
        + " principal 'CORP\\LAPS Decryptors' not found under DC=corp; clients fail policy"
        + " processing and back up no password", findings.get(0).evidence());
    assertEquals(new Finding("encryption-principal", Status.OK, "gpo.pol",
        "ADPasswordEncryptionPrincipal 'CORP\\LAPS Decryptors' resolves to CORP\\LAPS"
            + " Decryptors (S-1-5-21-1-2-3-1200)", ""), findings.get(1));
  }
}
