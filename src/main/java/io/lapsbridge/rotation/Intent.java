package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import java.util.Optional;
import java.util.UUID;

/**
 * One rotation in flight, as written to the root-only journal before the directory is touched.
 * It holds the new password, because after a crash between the directory write and the local
 * change the agent must be able to finish the local change without generating another one.
 *
 * @param phase how far the rotation got
 * @param family the attribute family written
 * @param account the local account name
 * @param password the new password
 * @param updated when the password was generated (the JSON {@code t})
 * @param expires the expiry written beside it
 * @param previous the directory's password before this rotation, when the bind could read it
 * @param version the {@code msLAPS-CurrentPasswordVersion} written with the password; empty for
 *     the legacy family and directories whose schema lacks the attribute
 */
public record Intent(
    Phase phase,
    AttributeFamily family,
    String account,
    Secret password,
    FileTime updated,
    FileTime expires,
    Optional<Secret> previous,
    Optional<UUID> version) {

  /** How far a rotation got; each phase is durable before the next step starts. */
  public enum Phase {
    /** Intent recorded; the directory may or may not hold the new password. */
    INTENT,
    /** The directory was read back and holds the new password; the local change may not be done. */
    CONFIRMED
  }

  public Intent {
    if (phase == null || family == null || password == null || updated == null
        || expires == null || previous == null || version == null) {
      throw new IllegalArgumentException("intent parts must not be null");
    }
    if (account == null || account.isBlank()) {
      throw new IllegalArgumentException("intent needs the local account name");
    }
  }

  /** Without a password version. */
  public Intent(Phase phase, AttributeFamily family, String account, Secret password,
      FileTime updated, FileTime expires, Optional<Secret> previous) {
    this(phase, family, account, password, updated, expires, previous, Optional.empty());
  }

  public Intent confirmed() {
    return new Intent(Phase.CONFIRMED, family, account, password, updated, expires, previous,
        version);
  }

  @Override
  public String toString() {
    return "Intent[" + phase + ", " + family + ", account=" + account + ", expires=" + expires.ticks()
        + "]";
  }
}
