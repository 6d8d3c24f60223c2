package io.lapsbridge.entra;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how to reach Entra, once options, {@code LAPSBRIDGE_*} variables and the profile are
 * resolved ({@code config.EntraSettingsResolver}).
 *
 * @param tenant the tenant id or domain
 * @param clientId the application (client) id
 * @param credential how to sign in
 * @param authorityHost the identity platform, {@code https://login.microsoftonline.com} by
 *     default; the authority is {@code <authorityHost>/<tenant>/}
 * @param graph Graph's base, {@code https://graph.microsoft.com} by default
 * @param trustStore a PEM, JKS or PKCS#12 file of the certificates to trust instead of the JDK's,
 *     or null
 * @param tokenCache a file to keep tokens in between runs (owner-only), or null to keep them for
 *     the run only
 * @param timeout the connect and request timeout
 */
public record EntraSettings(String tenant, String clientId, EntraCredential credential,
    URI authorityHost, URI graph, Path trustStore, Path tokenCache, Duration timeout) {
  public static final URI PUBLIC_AUTHORITY = URI.create("https://login.microsoftonline.com");
  public static final URI PUBLIC_GRAPH = URI.create("https://graph.microsoft.com");

  public EntraSettings {
    if (tenant == null || tenant.isBlank() || clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("a tenant and a client id are required");
    }
    if (credential == null) {
      throw new IllegalArgumentException("a credential is required");
    }
  }

  /** The authority MSAL is given: the host and the tenant. */
  public String authority() {
    String host = authorityHost.toString();
    return (host.endsWith("/") ? host : host + "/") + tenant + "/";
  }
}
