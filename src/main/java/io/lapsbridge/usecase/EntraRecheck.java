package io.lapsbridge.usecase;

import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.migration.apply.EntraBackups;
import java.time.Instant;

/**
 * The {@link EntraBackups} port over Microsoft Graph, for {@code migrate apply} of {@code
 * clear-ad-after-entra} (#16). Entra is opened at the first question, so a plan without such
 * actions never needs it; any failure to open or to answer (network, token, permission, a
 * missing option) is "unreachable", and the action then leaves AD as it was.
 */
public final class EntraRecheck implements EntraBackups {
  /** Opens Entra; may throw a runtime exception for a usage problem such as a missing tenant. */
  @FunctionalInterface
  public interface Opener {
    EntraDirectory open() throws GraphException;
  }

  private final Opener opener;
  private EntraDirectory entra;

  public EntraRecheck(Opener opener) {
    this.opener = opener;
  }

  @Override
  public Instant lastBackup(String deviceId) throws Unreachable {
    try {
      return directory().lastBackup(deviceId);
    } catch (GraphException | RuntimeException e) {
      throw new Unreachable(e.getMessage(), e);
    }
  }

  private synchronized EntraDirectory directory() throws GraphException {
    if (entra == null) {
      entra = opener.open();
    }
    return entra;
  }
}
