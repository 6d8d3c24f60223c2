package io.lapsbridge.platform.file;

import io.lapsbridge.model.JoinState;
import java.util.Optional;
import java.util.OptionalInt;

/** Device facts a policy file may state; command-line options override them. */
public record DeviceHints(
    Optional<JoinState> joinState,
    Optional<Boolean> domainController,
    Optional<Boolean> legacyCseInstalled,
    OptionalInt domainFunctionalLevel) {

  public static DeviceHints none() {
    return new DeviceHints(Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.empty());
  }
}
