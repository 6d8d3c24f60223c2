package io.lapsbridge.entra;

/**
 * What each Graph call needs, named in refusals so that an administrator knows what to grant.
 * Facts from the Graph permission tables (see the reference notes): passwords need
 * DeviceLocalCredential.Read.All, and, delegated, also one of two roles; ReadBasic gives
 * metadata only.
 */
final class Permissions {
  static final String READ = "DeviceLocalCredential.Read.All";
  static final String READ_BASIC = "DeviceLocalCredential.ReadBasic.All";
  static final String PASSWORD_ROLES = "Cloud Device Administrator or Intune Service Administrator";
  static final String METADATA_ROLES = "Helpdesk Administrator, Security Administrator, Security"
      + " Reader or Global Reader";
  static final String DEVICES = "Device.Read.All";
  static final String MANAGED_DEVICES = "DeviceManagementManagedDevices.Read.All";
  static final String ROTATE = "DeviceManagementManagedDevices.PrivilegedOperations.All";

  private Permissions() {}

  /** Passwords were refused while metadata was given. */
  static String passwordsWithheld(boolean delegated) {
    return delegated
        ? "reading passwords needs the delegated permission " + READ + " and the role "
            + PASSWORD_ROLES + "; " + READ_BASIC + " or the roles " + METADATA_ROLES
            + " give metadata only"
        : "reading passwords needs the application permission " + READ + "; " + READ_BASIC
            + " gives metadata only";
  }

  /** Even metadata was refused. */
  static String metadataRefused(boolean delegated) {
    return delegated
        ? "reading Entra ID device credentials needs the delegated permission " + READ_BASIC
            + " (metadata) or " + READ + " (passwords), and a role such as " + PASSWORD_ROLES
            + " (passwords) or " + METADATA_ROLES + " (metadata)"
        : "reading Entra ID device credentials needs the application permission " + READ_BASIC
            + " (metadata) or " + READ + " (passwords)";
  }

  static String kind(boolean delegated) {
    return delegated ? "delegated" : "application";
  }
}
