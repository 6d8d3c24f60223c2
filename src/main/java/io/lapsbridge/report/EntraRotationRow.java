package io.lapsbridge.report;

import java.io.PrintWriter;

/**
 * One Intune rotation {@code reset-password --directory entra} asked for (#16).
 *
 * @param dryRun whether nothing was asked
 * @param device the name as given
 * @param deviceId the Entra deviceId
 * @param managedDeviceId Intune's id, or null on a dry run
 */
public record EntraRotationRow(boolean dryRun, String device, String deviceId,
    String managedDeviceId) {
  /** One tab-separated line, like reset-password's AD rows; flushed, as it reports an action. */
  public void print(PrintWriter out) {
    out.printf("%s%s\t%s\t%s%n", dryRun ? "(dry run) " : "", Visible.escape(device), deviceId,
        dryRun ? "rotateLocalAdminPassword (not sent)"
            : "rotateLocalAdminPassword sent to Intune device " + managedDeviceId);
    out.flush();
  }
}
