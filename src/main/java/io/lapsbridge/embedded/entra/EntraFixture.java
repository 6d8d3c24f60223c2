package io.lapsbridge.embedded.entra;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The records a {@link GraphStandIn} serves: applications, the device-code user, devices. */
public final class EntraFixture {
  private EntraFixture() {}

  /** Graph's permission names the stand-in checks. */
  public static final String READ = "DeviceLocalCredential.Read.All";
  public static final String READ_BASIC = "DeviceLocalCredential.ReadBasic.All";
  public static final String DEVICE_READ = "Device.Read.All";
  public static final String MANAGED_READ = "DeviceManagementManagedDevices.Read.All";
  public static final String ROTATE = "DeviceManagementManagedDevices.PrivilegedOperations.All";

  /** Every permission: what the demo's application has. */
  public static final Set<String> ALL = Set.of(READ, READ_BASIC, DEVICE_READ, MANAGED_READ, ROTATE);

  /** The directory roles that let a signed-in user read passwords. */
  public static final Set<String> PASSWORD_ROLES =
      Set.of("Cloud Device Administrator", "Intune Service Administrator");
  /** The roles that see metadata only. */
  public static final Set<String> METADATA_ROLES = Set.of("Helpdesk Administrator",
      "Security Administrator", "Security Reader", "Global Reader");

  /**
   * A registered application (client credentials).
   *
   * @param clientId its id
   * @param secret its client secret, or null
   * @param certificate its certificate (client assertion), or null
   * @param permissions the application permissions granted
   */
  public record Application(String clientId, String secret, X509Certificate certificate,
      Set<String> permissions) {
    public Application {
      permissions = Set.copyOf(permissions);
    }

    @Override
    public String toString() {
      return "Application[" + clientId + ", " + permissions + "]";
    }
  }

  /**
   * The administrator who signs in with the device-code flow.
   *
   * @param clientId the public client application's id
   * @param userName the user's name
   * @param scopes the delegated permissions consented
   * @param roles the user's directory roles
   */
  public record User(String clientId, String userName, Set<String> scopes, Set<String> roles) {
    public User {
      scopes = Set.copyOf(scopes);
      roles = Set.copyOf(roles);
    }
  }

  /** How a password's bytes are text in {@code passwordBase64}. */
  public enum Encoding { UTF_16LE, UTF_8 }

  /**
   * One backed-up password.
   *
   * @param accountName the managed account
   * @param accountSid its SID
   * @param backupTime when it was backed up
   * @param password the password
   * @param encoding how it is encoded
   */
  public record Credential(String accountName, String accountSid, Instant backupTime,
      String password, Encoding encoding) {
    @Override
    public String toString() {
      return "Credential[" + accountName + ", " + backupTime + ", password=****]";
    }
  }

  /**
   * A device object and, when it backed up, its credentials.
   *
   * @param deviceId the Entra deviceId
   * @param objectId the directory object id
   * @param name the display name
   * @param onPremisesSid the AD computer's SID for a hybrid-joined device, or null
   * @param trustType AzureAd, ServerAd or Workplace
   * @param managedDeviceId Intune's id, or null when Intune does not manage it
   * @param refresh when the device next rotates, or null
   * @param credentials its backed-up passwords in any order; empty for a device without backup
   */
  public record Device(String deviceId, String objectId, String name, String onPremisesSid,
      String trustType, String managedDeviceId, Instant refresh, List<Credential> credentials) {
    public Device {
      credentials = List.copyOf(credentials);
    }

    /** The newest backup time, or null. */
    public Instant lastBackup() {
      return credentials.stream().map(Credential::backupTime).max(Instant::compareTo)
          .orElse(null);
    }
  }
}
