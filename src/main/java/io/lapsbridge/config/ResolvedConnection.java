package io.lapsbridge.config;

import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The connection options after precedence (command line, environment, profile, defaults), not yet
 * checked against each other: each command decides what it requires. Holds no password, only
 * where to read one.
 *
 * @param host the server; null if nothing named one
 * @param port the port; null for the default of the transport
 * @param ldaps TLS from the first byte
 * @param startTls StartTLS before binding
 * @param insecure cleartext allowed; only ever from the command line
 * @param bindDn whom to bind as; null for none
 * @param bindPasswordFile where the bind password is; null for none
 * @param trustStore trusted CAs; null for the JVM default
 * @param baseDn the search base; null for the root DSE's default naming context
 * @param timeout connect, TLS handshake and response timeout
 * @param trustStorePasswordFile where the trust store's password is; null for none
 * @param kerberos the Kerberos and discovery options after the same precedence; {@code
 *     domain} is null whenever {@code host} is set, as a host wins
 */
public record ResolvedConnection(String host, Integer port, boolean ldaps, boolean startTls,
    boolean insecure, String bindDn, Path bindPasswordFile, Path trustStore, String baseDn,
    Duration timeout, Path trustStorePasswordFile, KerberosArguments kerberos) {
  public ResolvedConnection {
    if (kerberos == null) {
      kerberos = KerberosArguments.NONE;
    }
  }

  /** Resolved settings without Kerberos or discovery options. */
  public ResolvedConnection(String host, Integer port, boolean ldaps, boolean startTls,
      boolean insecure, String bindDn, Path bindPasswordFile, Path trustStore, String baseDn,
      Duration timeout, Path trustStorePasswordFile) {
    this(host, port, ldaps, startTls, insecure, bindDn, bindPasswordFile, trustStore, baseDn,
        timeout, trustStorePasswordFile, KerberosArguments.NONE);
  }

  /** The domains to search, in order: {@code domain} split at commas; empty for none. */
  public java.util.List<String> domains() {
    if (kerberos.domain() == null || kerberos.domain().isBlank()) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(kerberos.domain().split(",", -1)).map(String::strip)
        .filter(d -> !d.isEmpty()).distinct().toList();
  }

  /** Resolved settings without a trust-store password file. */
  public ResolvedConnection(String host, Integer port, boolean ldaps, boolean startTls,
      boolean insecure, String bindDn, Path bindPasswordFile, Path trustStore, String baseDn,
      Duration timeout) {
    this(host, port, ldaps, startTls, insecure, bindDn, bindPasswordFile, trustStore, baseDn,
        timeout, null);
  }

  /** The transport the flags ask for; both at once is refused. */
  public TransportSecurity security() {
    if (ldaps && startTls) {
      throw new SettingsException("choose one of --ldaps and --start-tls");
    }
    return ldaps ? TransportSecurity.LDAPS
        : startTls ? TransportSecurity.START_TLS : TransportSecurity.NONE;
  }
}
