package io.lapsbridge.usecase;

import io.lapsbridge.entra.CredentialSummary;
import io.lapsbridge.entra.EntraDirectory;
import io.lapsbridge.entra.GraphException;
import io.lapsbridge.report.EntraRotationRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code reset-password --directory entra} (#16): Entra has no expiry to edit, so each device is
 * resolved to its {@code deviceId} and then to its Intune managed device, whose {@code
 * rotateLocalAdminPassword} action makes it rotate at once. One device's failure (not managed by
 * Intune, not found) never stops the rest.
 */
public final class EntraRotation {
  private EntraRotation() {}

  /**
   * How the batch ended.
   *
   * @param succeeded how many devices were asked to rotate (or would be, on a dry run)
   * @param failures each failed device's exception
   */
  public record Outcome(int succeeded, List<Exception> failures) {
    public Outcome {
      failures = List.copyOf(failures);
    }
  }

  public static Outcome run(EntraDirectory entra, List<String> names, boolean dryRun,
      Consumer<EntraRotationRow> rows, Consumer<? super Exception> failures)
      throws GraphException {
    int succeeded = 0;
    List<Exception> failed = new ArrayList<>();
    for (String name : names) {
      try {
        CredentialSummary device = entra.locate(name);
        String managed = dryRun ? null : entra.rotate(device.deviceId());
        rows.accept(new EntraRotationRow(dryRun, name, device.deviceId(), managed));
        succeeded++;
      } catch (GraphException e) {
        if (e.kind() == GraphException.Kind.UNREACHABLE
            || e.kind() == GraphException.Kind.AUTHENTICATION
            || e.kind() == GraphException.Kind.LOCAL_INPUT) {
          throw e;
        }
        failed.add(e);
        failures.accept(e);
      }
    }
    return new Outcome(succeeded, failed);
  }
}
