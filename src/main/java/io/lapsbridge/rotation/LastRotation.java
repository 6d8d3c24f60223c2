package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The last rotation this agent completed, kept beside the journal (no secret in it). It tells an
 * administrator's expiry reset apart from plain expiry, and a login after the last rotation.
 *
 * @param family the family written
 * @param account the local account
 * @param expiresWritten the expiry the agent wrote
 * @param at when the local password was set
 * @param version the {@code msLAPS-CurrentPasswordVersion} written with the password: the local
 *     record an image rollback is detected by
 */
public record LastRotation(
    AttributeFamily family, String account, FileTime expiresWritten, Instant at,
    Optional<UUID> version) {
  public LastRotation {
    if (family == null || account == null || expiresWritten == null || at == null
        || version == null) {
      throw new IllegalArgumentException("last rotation parts must not be null");
    }
  }

  /** Without a password version (legacy family, or a directory without the attribute). */
  public LastRotation(AttributeFamily family, String account, FileTime expiresWritten,
      Instant at) {
    this(family, account, expiresWritten, at, Optional.empty());
  }
}
