package io.lapsbridge.rotation;

import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import java.util.Optional;
import java.util.UUID;

/**
 * What the directory holds for one attribute family, as far as this bind can read it.
 *
 * @param expiry the stored expiry; empty when absent or malformed
 * @param password the stored password, when this bind may read it (a computer usually may not
 *     read {@code ms-Mcs-AdmPwd})
 * @param problem a value that could not be decoded, for the log
 * @param sealed a fingerprint (SHA-256, hex) of the stored encrypted value, in encrypted mode:
 *     the computer cannot decrypt it, so read-back compares these bytes instead
 * @param version {@code msLAPS-CurrentPasswordVersion}, when stored and readable (Windows LAPS
 *     family only)
 */
public record StoredState(
    Optional<FileTime> expiry, Optional<Secret> password, Optional<String> problem,
    Optional<String> sealed, Optional<UUID> version) {
  public StoredState {
    if (expiry == null || password == null || problem == null || sealed == null
        || version == null) {
      throw new IllegalArgumentException("stored state parts must not be null; use empty");
    }
  }

  /** Without a password version. */
  public StoredState(Optional<FileTime> expiry, Optional<Secret> password,
      Optional<String> problem, Optional<String> sealed) {
    this(expiry, password, problem, sealed, Optional.empty());
  }

  /** A clear-text family's state (no encrypted value). */
  public StoredState(Optional<FileTime> expiry, Optional<Secret> password,
      Optional<String> problem) {
    this(expiry, password, problem, Optional.empty());
  }

  public static StoredState empty() {
    return new StoredState(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Whether this state is the one {@code intent} wrote. The password decides when readable;
   * otherwise the expiry does, because password and expiry travel in one atomic modify and the
   * expiry has 100 ns resolution.
   */
  public boolean holds(Intent intent) {
    if (version.isPresent() && intent.version().isPresent()
        && !version.equals(intent.version())) {
      return false;
    }
    if (password.isPresent()) {
      return password.get().sameAs(intent.password())
          && expiry.map(intent.expires()::equals).orElse(false);
    }
    return expiry.map(intent.expires()::equals).orElse(false);
  }

  /** Whether the password is readable and proves {@code intent} never landed. */
  public boolean provesNotWritten(Intent intent) {
    return password.isPresent() && !password.get().sameAs(intent.password());
  }
}
