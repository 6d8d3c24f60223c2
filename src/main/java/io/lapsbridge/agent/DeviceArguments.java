package io.lapsbridge.agent;

import io.lapsbridge.model.JoinState;
import io.lapsbridge.platform.windows.WindowsRegistryPolicySource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's device options as typed; null where not given.
 *
 * @param joinState {@code --join-state}; null for the policy file's, else AD
 * @param domainFunctionalLevel {@code --domain-functional-level}; null for the policy file's
 * @param computer {@code --computer}; null for the short host name
 * @param account {@code --account}; null for the policy's; {@code @uid0} on Linux for the first
 *     UID-0 account other than root
 * @param stateDir {@code --state-dir}; null for the platform's default
 * @param publicKeyFile {@code --public-key-file}; null for none
 * @param publicKeyMaxAgeDays {@code --public-key-max-age-days}; 0 for no limit
 * @param getKey how to fetch the public key from a DC; null not to try
 */
public record DeviceArguments(JoinState joinState, Integer domainFunctionalLevel,
    String computer, String account, Path stateDir, Path publicKeyFile,
    int publicKeyMaxAgeDays, GetKeyArguments getKey) {
  /** Without GetKey: the published key file only. */
  public DeviceArguments(JoinState joinState, Integer domainFunctionalLevel, String computer,
      String account, Path stateDir, Path publicKeyFile, int publicKeyMaxAgeDays) {
    this(joinState, domainFunctionalLevel, computer, account, stateDir, publicKeyFile,
        publicKeyMaxAgeDays, null);
  }

  static final String FIRST_UID0_ACCOUNT = "@uid0";

  boolean firstUid0Account() {
    return FIRST_UID0_ACCOUNT.equals(account);
  }

  /** The root-only journal directory: /var/lib/lapsbridge, or under ProgramData on Windows. */
  Path stateDirectory() {
    if (stateDir != null) {
      return stateDir;
    }
    if (WindowsRegistryPolicySource.supported()) {
      String data = Optional.ofNullable(System.getenv("ProgramData")).orElse("C:\\ProgramData");
      return Path.of(data, "lapsbridge");
    }
    return Path.of("/var/lib/lapsbridge");
  }
}
