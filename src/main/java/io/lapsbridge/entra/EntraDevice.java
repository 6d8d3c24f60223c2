package io.lapsbridge.entra;

/**
 * A device object ({@code GET /devices}), with what matching it to AD needs.
 *
 * @param objectId the directory object id
 * @param deviceId the {@code deviceId} the credential endpoints are keyed by
 * @param displayName the name
 * @param onPremisesSecurityIdentifier the SID of the AD computer (its object SID) for a hybrid-joined
 *     device, else null
 * @param trustType {@code AzureAd} (Entra-joined), {@code ServerAd} (hybrid) or {@code
 *     Workplace}; may be null
 */
public record EntraDevice(String objectId, String deviceId, String displayName,
    String onPremisesSecurityIdentifier, String trustType) {
  /** Whether this is a hybrid-joined device, known to AD by its SID. */
  public boolean hybrid() {
    return onPremisesSecurityIdentifier != null || "ServerAd".equals(trustType);
  }
}
