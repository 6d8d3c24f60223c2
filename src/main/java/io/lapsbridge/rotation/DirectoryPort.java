package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import java.util.Optional;
import java.util.UUID;

/** The computer's own object in the directory, as the agent sees it through its bind. */
public interface DirectoryPort extends AutoCloseable {
  /** The computer object's DN, for logs. */
  String computer();

  /** Reads the expiry (and the password, where readable) of {@code family}. */
  StoredState read(AttributeFamily family) throws PortException;

  /**
   * Writes password and expiry of {@code family} in ONE modify, as the real clients do.
   *
   * @param account the local account name (part of the Windows LAPS JSON)
   * @param updated the time the password was made (part of the Windows LAPS JSON)
   * @param version {@code msLAPS-CurrentPasswordVersion}, written in the same modify when present
   */
  void write(AttributeFamily family, String account, Secret password, FileTime updated,
      FileTime expires, Optional<UUID> version) throws PortException;

  /**
   * Whether the directory can store {@code msLAPS-CurrentPasswordVersion} (its schema has the
   * attribute), so that the cycle generates one.
   */
  default boolean storesVersion() {
    return false;
  }

  /** Whether {@link #write} of the Windows family encrypts (msLAPS-EncryptedPassword). */
  default boolean encrypts() {
    return false;
  }

  /**
   * A fingerprint of the encrypted value the last {@link #write} stored, when this port encrypts;
   * read-back must find the same in {@link StoredState#sealed()}. Empty for clear-text writes.
   */
  default Optional<String> lastSealed() {
    return Optional.empty();
  }

  @Override
  void close();

  /** Opens a {@link DirectoryPort}; lazily, so that reconciliation can proceed offline. */
  @FunctionalInterface
  interface Connector {
    DirectoryPort open() throws PortException;
  }
}
