package io.lapsbridge.entra;

import java.time.Instant;

/**
 * One entry of {@code GET /directory/deviceLocalCredentials}: metadata, never a password.
 *
 * @param deviceId the Entra {@code deviceId}
 * @param deviceName the device name
 * @param lastBackup {@code lastBackupDateTime}, or null
 * @param refresh {@code refreshDateTime}, or null
 */
public record CredentialSummary(String deviceId, String deviceName, Instant lastBackup,
    Instant refresh) {}
