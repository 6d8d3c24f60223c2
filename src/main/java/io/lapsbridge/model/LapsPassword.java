package io.lapsbridge.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored LAPS password as {@code get-password} shows it.
 *
 * @param account the managed local account; legacy LAPS does not record it, so it may be null
 * @param password the password itself; never printed by {@link #toString()}
 * @param updated when the device set it; legacy LAPS does not record it, so it may be null
 * @param expires the scheduled expiry from the family's expiration attribute; may be null
 * @param source which attribute it was read from
 */
public record LapsPassword(
    String account, Secret password, Instant updated, Instant expires, PasswordSource source) {
  public LapsPassword {
    if (password == null) {
      throw new IllegalArgumentException("password must not be null");
    }
    if (source == null) {
      throw new IllegalArgumentException("source must not be null");
    }
  }

  public Optional<String> accountName() {
    return Optional.ofNullable(account);
  }

  public Optional<Instant> updateTime() {
    return Optional.ofNullable(updated);
  }

  public Optional<Instant> expiration() {
    return Optional.ofNullable(expires);
  }
}
