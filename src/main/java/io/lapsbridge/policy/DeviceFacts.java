package io.lapsbridge.policy;

import io.lapsbridge.model.JoinState;
import java.util.OptionalInt;

/**
 * What the device knows about itself, besides policy.
 *
 * @param joinState how it is joined
 * @param domainController whether it is a domain controller
 * @param legacyCseInstalled whether the legacy AdmPwd client-side extension is registered with a
 *     DLL present on disk
 * @param domainFunctionalLevel the domain functional level as a Windows Server year (2008, 2012,
 *     2016, 2025...), when known
 */
public record DeviceFacts(
    JoinState joinState,
    boolean domainController,
    boolean legacyCseInstalled,
    OptionalInt domainFunctionalLevel) {

  public DeviceFacts {
    if (joinState == null) {
      throw new IllegalArgumentException("join state must not be null");
    }
    if (domainFunctionalLevel == null) {
      domainFunctionalLevel = OptionalInt.empty();
    }
  }

  /** An AD-joined member server or workstation without the legacy CSE. */
  public static DeviceFacts member(JoinState joinState) {
    return new DeviceFacts(joinState, false, false, OptionalInt.empty());
  }

  public DeviceFacts withDomainController(boolean value) {
    return new DeviceFacts(joinState, value, legacyCseInstalled, domainFunctionalLevel);
  }

  public DeviceFacts withLegacyCse(boolean value) {
    return new DeviceFacts(joinState, domainController, value, domainFunctionalLevel);
  }

  public DeviceFacts withDomainFunctionalLevel(int year) {
    return new DeviceFacts(joinState, domainController, legacyCseInstalled, OptionalInt.of(year));
  }
}
