package io.lapsbridge.directory;

import io.lapsbridge.model.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything needed to reach and bind to a directory.
 *
 * @param host the server name; it must match the certificate under TLS
 * @param port the TCP port
 * @param security LDAPS, StartTLS or none
 * @param bindDn the DN (or {@code user@domain}) to bind as; null for an anonymous bind
 * @param bindPassword the bind password; never printed
 * @param trustStore a PEM, JKS or PKCS#12 file of trusted certificates; null for the JVM default
 * @param baseDn where searches start; null to read {@code defaultNamingContext} from the root DSE
 * @param timeout the connect, TLS handshake and response timeout
 * @param trustStorePassword the trust store's password (PKCS#12 stores encrypt their
 *     certificates); null when none is given; never printed
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
    Secret trustStorePassword) {
  public ConnectionSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a directory host is required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
    }
    if (security == null) {
      throw new IllegalArgumentException("transport security must be chosen");
    }
    if (timeout == null) {
      timeout = Duration.ofSeconds(15);
    }
  }

  /** Settings with no trust-store password. */
  public ConnectionSettings(String host, int port, TransportSecurity security, String bindDn,
      Secret bindPassword, Path trustStore, String baseDn, Duration timeout) {
    this(host, port, security, bindDn, bindPassword, trustStore, baseDn, timeout, null);
  }

  /** Where the settings point, for messages; no credentials. */
  public String endpoint() {
    String scheme = security == TransportSecurity.LDAPS ? "ldaps" : "ldap";
    return scheme + "://" + host + ":" + port;
  }
}
