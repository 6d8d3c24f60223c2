package io.lapsbridge.doctor;

import io.lapsbridge.gpo.GpoPolicySource;
import io.lapsbridge.gpo.RegistryPol;
import io.lapsbridge.policy.EffectivePolicy;
import io.lapsbridge.policy.PolicyKind;
import io.lapsbridge.policy.PolicyResolver;
import io.lapsbridge.policy.PolicySnapshot;
import io.lapsbridge.policy.WindowsLapsSettings;
import java.util.List;
import java.util.Optional;

/**
 * What one GPO's Registry.pol says about encryption: whether it backs up to AD encrypted, and to
 * whom ({@code ADPasswordEncryptionPrincipal}; empty means the domain's Domain Admins).
 *
 * @param source the file (or GPO folder) it came from
 * @param encrypted whether it backs up to AD with ADPasswordEncryptionEnabled=1
 * @param principal the principal as written; empty for the default
 * @param notUsed why the principal does not matter (no Windows LAPS policy, not AD, or
 *     encryption off); empty when it does
 */
public record EncryptionPolicy(String source, boolean encrypted, String principal,
    Optional<String> notUsed) {
  /** BackupDirectory's registry value for Active Directory. */
  private static final long ACTIVE_DIRECTORY = 2;

  /** Reads the policy the way a client applying only this GPO would. */
  public static EncryptionPolicy read(String source, RegistryPol pol) {
    EffectivePolicy policy = PolicyResolver.resolve(PolicySnapshot.read(
        List.of(new GpoPolicySource(source, List.of(pol)))));
    if (policy.kind() != PolicyKind.WINDOWS_LAPS) {
      return new EncryptionPolicy(source, false, "",
          Optional.of("it holds no Windows LAPS policy"));
    }
    long backup = policy.number(WindowsLapsSettings.BACKUP_DIRECTORY);
    if (backup != ACTIVE_DIRECTORY) {
      return new EncryptionPolicy(source, false, "",
          Optional.of("BackupDirectory=" + backup + " (not Active Directory)"));
    }
    if (policy.number(WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_ENABLED) != 1) {
      return new EncryptionPolicy(source, false, "",
          Optional.of("ADPasswordEncryptionEnabled=0: passwords are stored in clear text"));
    }
    return new EncryptionPolicy(source, true,
        policy.text(WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_PRINCIPAL).strip(),
        Optional.empty());
  }
}
