package io.lapsbridge.console;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.usecase.KeySources;
import java.time.Duration;
import java.util.Optional;

/**
 * How one console instance runs. Nothing here is shared between instances but the directory and
 * the audit collector, so several can run behind a load balancer with sticky sessions.
 *
 * @param bindAddress the address HTTPS listens on
 * @param port the HTTPS port; 0 picks a free one
 * @param tls the certificate and key the console serves
 * @param directory where users sign in: host, port, TLS and base DN; its bind identity is
 *     ignored, as each user binds as themselves
 * @param online GetKey as the signed-in user for encrypted values, or off (root keys the user
 *     may read)
 * @param idleTimeout a session ends after this long without a request
 * @param absoluteTimeout a session ends this long after sign-in, busy or not
 * @param revealsPerMinute how many reveals one user may make in any minute
 * @param expireAfterUse when present, a reveal moves the expiry to at most now plus this grace
 * @param requireReason whether a reveal or reset needs a typed reason
 * @param expiryService the one identity the console may use, for the expire-after-use write
 *     only, when the user may not write the expiry; empty to write as the user alone
 */
public record ConsoleSettings(
    String bindAddress,
    int port,
    TlsIdentity tls,
    ConnectionSettings directory,
    KeySources.Online online,
    Duration idleTimeout,
    Duration absoluteTimeout,
    int revealsPerMinute,
    Optional<Duration> expireAfterUse,
    boolean requireReason,
    Optional<ConnectionSettings> expiryService) {

  public ConsoleSettings {
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("a listen address is required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--listen port must be between 0 and 65535: " + port);
    }
    if (tls == null || directory == null || online == null) {
      throw new IllegalArgumentException("TLS, the directory and the key source must be set");
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("--idle-timeout must be positive");
    }
    if (absoluteTimeout == null || absoluteTimeout.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException(
          "--session-timeout must be at least --idle-timeout");
    }
    if (revealsPerMinute < 1) {
      throw new IllegalArgumentException("--reveals-per-minute must be at least 1: "
          + revealsPerMinute);
    }
    if (expireAfterUse.isPresent() && expireAfterUse.get().isNegative()) {
      throw new IllegalArgumentException("--expire-after-use must not be negative");
    }
  }
}
