package io.lapsbridge.rotation;

import java.time.Instant;
import java.util.Optional;

/**
 * The device's own login records (wtmp, the journal): when the managed account last
 * authenticated, beside what the PAM hook wrote to the journal directory.
 */
@FunctionalInterface
public interface LoginSource {
  /** No records: only the PAM hook counts. */
  LoginSource NONE = account -> Optional.empty();

  /** The newest login of {@code account} the records show. */
  Optional<Instant> lastLogin(String account) throws PortException;
}
