package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's durable, root-only state: the rotation in flight (with its password) and the last
 * completed rotation. Every write must be on disk when the method returns.
 */
public interface Journal {
  Optional<Intent> pending() throws PortException;

  void record(Intent intent) throws PortException;

  void clear() throws PortException;

  Optional<LastRotation> last(AttributeFamily family) throws PortException;

  void remember(LastRotation rotation) throws PortException;

  /** When the managed account last authenticated, as a login hook recorded it. */
  Optional<Instant> lastLogin(String account) throws PortException;
}
