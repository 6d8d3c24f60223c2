package io.lapsbridge.directory;

import io.lapsbridge.model.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything needed to reach and bind to a directory.
 *
 * @param host the server name; it must match the certificate under TLS
 * @param port the TCP port; 0 with discovery for the SRV record's (636 under LDAPS)
 * @param security LDAPS, StartTLS or none
 * @param bindDn the DN (or {@code user@domain}) to bind as; null for an anonymous bind
 * @param bindPassword the bind password; never printed
 * @param trustStore a PEM, JKS or PKCS#12 file of trusted certificates; null for the JVM default
 * @param baseDn where searches start; null to read {@code defaultNamingContext} from the root DSE
 * @param timeout the connect, TLS handshake and response timeout
 * @param trustStorePassword the trust store's password (PKCS#12 stores encrypt their
 *     certificates); null when none is given; never printed
 * @param kerberos how to bind with SASL GSSAPI instead of a simple bind; null for a simple (or
 *     anonymous) bind
 * @param locator where to find domain controllers when {@code host} is null (DNS SRV)
 */
public record ConnectionSettings(
    String host,
    int port,
    TransportSecurity security,
    String bindDn,
    Secret bindPassword,
    Path trustStore,
    String baseDn,
    Duration timeout,
    Secret trustStorePassword,
    KerberosLogin kerberos,
    DcLocator locator) {
  public ConnectionSettings {
    if ((host == null || host.isBlank()) && locator == null) {
      throw new IllegalArgumentException("a directory host or a domain is required");
    }
    if (kerberos != null && bindDn != null) {
      throw new IllegalArgumentException("a Kerberos bind takes no bind DN");
    }
    // With discovery, port 0 means the SRV record's (636 under LDAPS, whose SRV AD lacks).
    boolean discoveredPort = port == 0 && (host == null || host.isBlank());
    if ((port < 1 && !discoveredPort) || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
    }
    if (security == null) {
      throw new IllegalArgumentException("transport security must be chosen");
    }
    if (timeout == null) {
      timeout = Duration.ofSeconds(15);
    }
  }

  /** Settings for a simple (or anonymous) bind to a named host. */
  public ConnectionSettings(String host, int port, TransportSecurity security, String bindDn,
      Secret bindPassword, Path trustStore, String baseDn, Duration timeout,
      Secret trustStorePassword) {
    this(host, port, security, bindDn, bindPassword, trustStore, baseDn, timeout,
        trustStorePassword, null, null);
  }

  /** Settings with no trust-store password. */
  public ConnectionSettings(String host, int port, TransportSecurity security, String bindDn,
      Secret bindPassword, Path trustStore, String baseDn, Duration timeout) {
    this(host, port, security, bindDn, bindPassword, trustStore, baseDn, timeout, null);
  }

  /** Where the settings point, for messages; no credentials. */
  public String endpoint() {
    if (host == null) {
      return "a domain controller of " + locator.domain();
    }
    String scheme = security == TransportSecurity.LDAPS ? "ldaps" : "ldap";
    return scheme + "://" + host + ":" + port;
  }

  /** The same settings pointed at the controller discovery chose. */
  public ConnectionSettings at(String chosenHost, int chosenPort) {
    return new ConnectionSettings(chosenHost, chosenPort, security, bindDn, bindPassword,
        trustStore, baseDn, timeout, trustStorePassword, kerberos, locator);
  }

  /** Who binds, for messages: the DN, the Kerberos principal, or anonymous. */
  public String who() {
    return kerberos != null ? "'" + kerberos.who() + "' (GSSAPI)"
        : bindDn != null ? "'" + bindDn + "'" : "anonymous";
  }
}
