package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import java.time.Instant;

/**
 * The last rotation this agent completed, kept beside the journal (no secret in it). It tells an
 * administrator's expiry reset apart from plain expiry, and a login after the last rotation.
 *
 * @param family the family written
 * @param account the local account
 * @param expiresWritten the expiry the agent wrote
 * @param at when the local password was set
 */
public record LastRotation(
    AttributeFamily family, String account, FileTime expiresWritten, Instant at) {
  public LastRotation {
    if (family == null || account == null || expiresWritten == null || at == null) {
      throw new IllegalArgumentException("last rotation parts must not be null");
    }
  }
}
