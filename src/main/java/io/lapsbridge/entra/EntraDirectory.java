package io.lapsbridge.entra;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The Entra ID operations lapsbridge needs, over Graph: find a device's backed-up credentials by
 * name or {@code deviceId}, stream the backed-up device list and the device objects, and ask
 * Intune to rotate a device's password. Permission refusals say which permission or role is
 * missing; a token that gives metadata only yields metadata and says so.
 */
public final class EntraDirectory {
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  static final String CREDENTIALS = "/v1.0/directory/deviceLocalCredentials";
  static final String DEVICES = "/v1.0/devices";
  static final String MANAGED_DEVICES = "/beta/deviceManagement/managedDevices";
  /** The page size asked for; Graph may send fewer. */
  static final int PAGE = 1000;

  private final GraphClient graph;
  private final boolean delegated;

  EntraDirectory(GraphClient graph, boolean delegated) {
    this.graph = graph;
    this.delegated = delegated;
  }

  /**
   * Connects: a token source for {@code settings} (nothing is requested until the first call)
   * and the Graph client.
   *
   * @param prompt where the device-code flow's instructions go
   * @param version lapsbridge's version, for the User-Agent
   */
  public static EntraDirectory open(EntraSettings settings, Consumer<String> prompt,
      String version) throws GraphException {
    return open(settings, prompt, version, GraphClient.RetryPolicy.DEFAULT,
        duration -> Thread.sleep(duration.toMillis()));
  }

  /** {@link #open(EntraSettings, Consumer, String)} with a retry policy and sleeper. */
  public static EntraDirectory open(EntraSettings settings, Consumer<String> prompt,
      String version, GraphClient.RetryPolicy retries, GraphClient.Sleeper sleeper)
      throws GraphException {
    SSLContext tls = settings.trustStore() == null ? null
        : TrustStore.context(settings.trustStore());
    TokenSource tokens = MsalTokens.open(settings, tls, prompt);
    return over(settings.graph(), tls, tokens, settings.timeout(), retries, sleeper, version);
  }

  /** Over any token source: tests, and callers that acquire tokens themselves. */
  public static EntraDirectory over(URI graphBase, SSLContext tls, TokenSource tokens,
      Duration timeout, GraphClient.RetryPolicy retries, GraphClient.Sleeper sleeper,
      String version) {
    return new EntraDirectory(
        new GraphClient(graphBase, tls, tokens, timeout, retries, sleeper, version),
        tokens.delegated());
  }

  /** How many throttled answers were waited out. */
  public int throttledCount() {
    return graph.throttledCount();
  }

  /** Whether {@code text} is a {@code deviceId} rather than a name. */
  public static boolean isDeviceId(String text) {
    return GUID.matcher(text).matches();
  }

  /**
   * A device's credentials by name or {@code deviceId}. Names are not unique in Entra: several
   * devices with backups under one name is {@link GraphException.Kind#AMBIGUOUS}, listing them.
   */
  public CredentialRead read(String nameOrId) throws GraphException {
    String deviceId = nameOrId;
    if (!isDeviceId(nameOrId)) {
      List<CredentialSummary> matches = byName(nameOrId);
      if (matches.isEmpty()) {
        throw new GraphException(GraphException.Kind.NOT_FOUND,
            "no device named '" + nameOrId + "' has a password backed up in Entra ID");
      }
      if (matches.size() > 1) {
        throw ambiguous(nameOrId, matches);
      }
      deviceId = matches.get(0).deviceId();
    }
    return readById(deviceId);
  }

  /**
   * The {@code deviceId} of a device given by name or id, without reading its passwords (a read
   * is audited as a password recovery): a name is looked up among the devices with a backup.
   */
  public CredentialSummary locate(String nameOrId) throws GraphException {
    if (isDeviceId(nameOrId)) {
      return new CredentialSummary(nameOrId.toLowerCase(java.util.Locale.ROOT), null, null, null);
    }
    List<CredentialSummary> matches = byName(nameOrId);
    if (matches.isEmpty()) {
      throw new GraphException(GraphException.Kind.NOT_FOUND, "no device named '" + nameOrId
          + "' has a password backed up in Entra ID; give its deviceId");
    }
    if (matches.size() > 1) {
      throw ambiguous(nameOrId, matches);
    }
    return matches.get(0);
  }

  /**
   * The time of the newest backup Entra holds for a device now, or null when it holds none:
   * metadata only, no password read (what {@code clear-ad-after-entra} re-checks, #16).
   */
  public java.time.Instant lastBackup(String deviceId) throws GraphException {
    String what = "reading the backup time of Entra device " + deviceId;
    try {
      return GraphJson.credentialInfo(
          graph.getBytes(graph.resolve(CREDENTIALS + "/" + deviceId), what)).lastBackup();
    } catch (GraphException e) {
      if (e.kind() == GraphException.Kind.NOT_FOUND) {
        return null;
      }
      throw permission(e, Permissions.metadataRefused(delegated));
    }
  }

  private static GraphException ambiguous(String name, List<CredentialSummary> matches) {
    StringBuilder list = new StringBuilder();
    for (CredentialSummary match : matches) {
      list.append(list.length() == 0 ? "" : ", ").append(match.deviceId())
          .append(" (last backup ").append(match.lastBackup()).append(')');
    }
    return new GraphException(GraphException.Kind.AMBIGUOUS, matches.size()
        + " devices named '" + name + "' have passwords in Entra ID: " + list
        + "; give the deviceId");
  }

  /**
   * What Graph gave for one device.
   *
   * @param credentials the device's record; no credentials when they were withheld
   * @param withheld why the passwords were withheld (the permission needed), or null
   */
  public record CredentialRead(DeviceCredentials credentials, String withheld) {}

  private CredentialRead readById(String deviceId) throws GraphException {
    String what = "reading the credentials of Entra device " + deviceId;
    URI full = graph.resolve(CREDENTIALS + "/" + deviceId + "?$select=credentials");
    try {
      return new CredentialRead(GraphJson.credentialInfo(graph.getBytes(full, what)), null);
    } catch (GraphException e) {
      if (e.kind() == GraphException.Kind.NOT_FOUND) {
        throw new GraphException(GraphException.Kind.NOT_FOUND, "Entra ID holds no backed-up"
            + " password for a device with deviceId " + deviceId);
      }
      if (e.kind() != GraphException.Kind.PERMISSION) {
        throw e;
      }
      // Passwords refused: metadata may still be allowed (ReadBasic, or a reader role).
      URI basic = graph.resolve(CREDENTIALS + "/" + deviceId);
      DeviceCredentials metadata;
      try {
        metadata = GraphJson.credentialInfo(graph.getBytes(basic, what));
      } catch (GraphException again) {
        if (again.kind() == GraphException.Kind.PERMISSION) {
          throw new GraphException(GraphException.Kind.PERMISSION, what + ": access denied: "
              + Permissions.metadataRefused(delegated) + graphSaid(e));
        }
        throw again;
      }
      return new CredentialRead(metadata, Permissions.passwordsWithheld(delegated) + graphSaid(e));
    }
  }

  private static String graphSaid(GraphException e) {
    String message = e.getMessage();
    int at = message.indexOf("(HTTP 403)");
    String tail = at < 0 ? "" : message.substring(at + "(HTTP 403)".length()).strip();
    return tail.isEmpty() ? "" : " (Graph: " + tail.replaceAll("^\\(|\\)$", "") + ")";
  }

  private List<CredentialSummary> byName(String name) throws GraphException {
    List<CredentialSummary> matches = new ArrayList<>();
    URI uri = graph.resolve(CREDENTIALS + "?$filter=" + encode("deviceName eq " + quoted(name)));
    try {
      graph.forEach(uri, GraphJson::summary, matches::add,
          "looking up Entra device '" + name + "'");
    } catch (GraphException e) {
      throw permission(e, Permissions.metadataRefused(delegated));
    }
    // Graph's filter is case-insensitive; so is a device name.
    matches.removeIf(m -> m.deviceName() == null || !m.deviceName().equalsIgnoreCase(name));
    return matches;
  }

  /**
   * Streams every device with a backed-up credential (metadata only), page by page.
   *
   * @return the number of pages read
   */
  public int forEachCredential(Consumer<? super CredentialSummary> each) throws GraphException {
    URI uri = graph.resolve(CREDENTIALS + "?$select="
        + encode("id,deviceName,lastBackupDateTime,refreshDateTime") + "&$top=" + PAGE);
    try {
      return graph.forEach(uri, GraphJson::summary, each,
          "listing Entra device credentials");
    } catch (GraphException e) {
      throw permission(e, Permissions.metadataRefused(delegated));
    }
  }

  /** Streams every device object with the fields that match it to AD. */
  public int forEachDevice(Consumer<? super EntraDevice> each) throws GraphException {
    URI uri = graph.resolve(DEVICES + "?$select=" + encode(
        "id,deviceId,displayName,onPremisesSecurityIdentifier,trustType") + "&$top=" + PAGE);
    try {
      return graph.forEach(uri, GraphJson::device, each, "listing Entra devices");
    } catch (GraphException e) {
      throw permission(e, "listing devices needs the " + Permissions.kind(delegated)
          + " permission " + Permissions.DEVICES);
    }
  }

  /**
   * Asks Intune to rotate the device's local administrator password
   * ({@code rotateLocalAdminPassword}); Entra itself has no expiry to edit.
   *
   * @param deviceId the Entra {@code deviceId}
   * @return Intune's managed device id
   */
  public String rotate(String deviceId) throws GraphException {
    if (!isDeviceId(deviceId)) {
      throw new IllegalArgumentException("not a deviceId");
    }
    String what = "finding Entra device " + deviceId + " in Intune";
    URI query = graph.resolve(MANAGED_DEVICES + "?$filter="
        + encode("azureADDeviceId eq " + quoted(deviceId)) + "&$select=id");
    List<String> managed = new ArrayList<>();
    try {
      graph.forEach(query, GraphJson::managedDeviceId, managed::add, what);
    } catch (GraphException e) {
      if (e.kind() == GraphException.Kind.PERMISSION) {
        throw permission(e, "finding the device in Intune needs the " + Permissions.kind(delegated)
            + " permission " + Permissions.MANAGED_DEVICES);
      }
      if (e.kind() == GraphException.Kind.REJECTED || e.kind() == GraphException.Kind.NOT_FOUND) {
        throw new GraphException(GraphException.Kind.NOT_MANAGED, "Intune did not answer for"
            + " this tenant; does it have Intune? (" + e.getMessage() + ")");
      }
      throw e;
    }
    if (managed.isEmpty()) {
      throw new GraphException(GraphException.Kind.NOT_MANAGED, "Intune does not manage Entra"
          + " device " + deviceId + ": rotation is an Intune device action, so it needs an"
          + " Intune-managed device (or let the device rotate on its own schedule)");
    }
    if (managed.size() > 1) {
      throw new GraphException(GraphException.Kind.AMBIGUOUS, "Intune has " + managed.size()
          + " managed devices for Entra device " + deviceId + ": " + String.join(", ", managed));
    }
    String id = managed.get(0);
    URI action = graph.resolve(MANAGED_DEVICES + "/" + encodePath(id) + "/rotateLocalAdminPassword");
    try {
      graph.post(action, "rotating the password of Intune device " + id);
    } catch (GraphException e) {
      throw permission(e, "rotation needs the " + Permissions.kind(delegated) + " permission "
          + Permissions.ROTATE);
    }
    return id;
  }

  private static GraphException permission(GraphException e, String needed) {
    if (e.kind() != GraphException.Kind.PERMISSION) {
      return e;
    }
    return new GraphException(GraphException.Kind.PERMISSION,
        e.getMessage() + ": " + needed, e);
  }

  /** An OData string literal: quotes doubled. */
  static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodePath(String segment) {
    return encode(segment);
  }

  @Override
  public String toString() {
    return "EntraDirectory[" + graph + "]";
  }
}
