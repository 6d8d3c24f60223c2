package io.lapsbridge.migration.apply;

import java.time.Instant;

/**
 * The port through which applying {@code clear-ad-after-entra} re-reads Entra (#16): the time
 * of the newest backup Entra holds for a device now. Implemented over Microsoft Graph by {@code
 * usecase}; the directory writer asks it before touching AD.
 */
@FunctionalInterface
public interface EntraBackups {
  /**
   * The device's newest backup time, or null when Entra holds none for it.
   *
   * @throws Unreachable when Entra cannot answer (network, token, permission, throttling)
   */
  Instant lastBackup(String deviceId) throws Unreachable;

  /** Entra could not be asked; the message says why and carries no secret. */
  final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
