package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.DNSSRVRecordServerSet;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.GSSAPIChannelBindingType;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.SSLUtil;
import io.lapsbridge.model.Secret;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * The agent's connection: a configured server list (failover in order) or the domain's
 * controllers from DNS SRV {@code _ldap._tcp.dc._msdcs.DOMAIN}, secured with LDAPS or StartTLS,
 * bound simply or with SASL GSSAPI from the machine keytab.
 *
 * @param servers {@code host} or {@code host:port} entries; when given they override discovery
 * @param domain the DNS domain to discover controllers in, when no servers are given
 * @param security LDAPS or StartTLS (or none, when the operator insisted)
 * @param trustStore trusted CAs; null for the JVM default
 * @param bind simple or Kerberos
 * @param baseDn the search base; null to read it from the root DSE
 * @param timeout connect, TLS handshake and response timeout
 * @param trustStorePassword the trust store's password; null for none; never printed
 */
public record AgentConnection(
    List<String> servers,
    Optional<String> domain,
    TransportSecurity security,
    Path trustStore,
    MachineBind bind,
    String baseDn,
    Duration timeout,
    Secret trustStorePassword) {

  /** A connection whose trust store needs no password. */
  public AgentConnection(List<String> servers, Optional<String> domain,
      TransportSecurity security, Path trustStore, MachineBind bind, String baseDn,
      Duration timeout) {
    this(servers, domain, security, trustStore, bind, baseDn, timeout, null);
  }

  public AgentConnection {
    servers = List.copyOf(servers);
    if (servers.isEmpty() && domain.isEmpty()) {
      throw new IllegalArgumentException("give a server list or a domain to discover controllers in");
    }
    if (security == null || bind == null || timeout == null) {
      throw new IllegalArgumentException("security, bind and timeout are required");
    }
  }

  /** The DNS SRV name the Windows DC locator uses for any domain controller of {@code domain}. */
  public static String srvName(String domain) {
    return "_ldap._tcp.dc._msdcs." + domain.toLowerCase(Locale.ROOT);
  }

  /** Where the connection will go, for messages; no credentials. */
  public String describe() {
    return servers.isEmpty() ? "DNS SRV " + srvName(domain.orElseThrow())
        : String.join(", ", servers);
  }

  /** Connects to the first server that answers, secures and binds. */
  public LapsDirectory open() throws DirectoryException {
    int defaultPort = security == TransportSecurity.LDAPS ? 636 : 389;
    LDAPConnectionOptions options = Tls.options(timeout);
    SocketFactory sockets = null;
    PostConnectProcessor startTls = null;
    try {
      SSLUtil ssl = new SSLUtil(Tls.trustManager(trustStore, trustStorePassword));
      if (security == TransportSecurity.LDAPS) {
        sockets = Tls.boundedHandshake(ssl.createSSLSocketFactory(), timeout);
      } else if (security == TransportSecurity.START_TLS) {
        startTls = new StartTLSPostConnectProcessor(ssl.createSSLContext());
      }
    } catch (GeneralSecurityException e) {
      throw new DirectoryException(DirectoryException.Kind.TLS,
          "cannot set up TLS for " + describe() + ": " + e.getMessage());
    }
    ServerSet set = serverSet(defaultPort, sockets, options, startTls);
    LDAPConnection connection;
    try {
      connection = set.getConnection();
    } catch (LDAPException e) {
      DirectoryException.Kind kind = Ldap.isTlsFailure(e) || (e.getMessage() != null
          && e.getMessage().toLowerCase(Locale.ROOT).contains("ssl"))
          ? DirectoryException.Kind.TLS : DirectoryException.Kind.UNREACHABLE;
      throw new DirectoryException(kind, (kind == DirectoryException.Kind.TLS
          ? "TLS with a directory server (" + describe() + ") failed: "
          : "cannot reach a directory server (" + describe() + "): ")
          + Ldap.code(e.getResultCode()) + Ldap.diagnosticSuffix(e.getExceptionMessage()),
          Ldap.code(e.getResultCode()), e);
    }
    try {
      bind(connection);
      ConnectionSettings settings = new ConnectionSettings(connection.getConnectedAddress(),
          connection.getConnectedPort(), security, null, null, trustStore, baseDn, timeout);
      return LapsDirectory.adopt(connection, settings);
    } catch (DirectoryException e) {
      connection.close();
      throw e;
    }
  }

  ServerSet serverSet(int defaultPort, SocketFactory sockets, LDAPConnectionOptions options,
      PostConnectProcessor startTls) {
    if (servers.isEmpty()) {
      // One hour, as the DC locator caches; the SDK orders by priority and weight (RFC 2782).
      return new DNSSRVRecordServerSet(srvName(domain.orElseThrow()), null, null,
          Duration.ofHours(1).toMillis(), sockets, options, null, startTls);
    }
    String[] hosts = new String[servers.size()];
    int[] ports = new int[servers.size()];
    for (int i = 0; i < servers.size(); i++) {
      String entry = servers.get(i);
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(':') == colon) {
        hosts[i] = entry.substring(0, colon);
        ports[i] = Integer.parseInt(entry.substring(colon + 1));
      } else {
        hosts[i] = entry;
        ports[i] = defaultPort;
      }
    }
    return new FailoverServerSet(hosts, ports, sockets, options, null, startTls);
  }

  private void bind(LDAPConnection connection) throws DirectoryException {
    BindRequest request;
    try {
      request = bindRequest();
    } catch (LDAPException e) {
      throw new DirectoryException(DirectoryException.Kind.BIND,
          "cannot prepare the Kerberos bind: " + e.getExceptionMessage());
    }
    try {
      BindResult result = connection.bind(request);
      if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
        throw new LDAPException(result);
      }
    } catch (LDAPException e) {
      // A Kerberos failure never reaches the server: the SDK says only "local error (82)".
      Optional<String> kerberos = bind instanceof MachineBind.Kerberos k
          ? KerberosFailure.reason(e, k, connection.getConnectedAddress()) : Optional.empty();
      throw new DirectoryException(Ldap.isConnectionLoss(e.getResultCode())
          ? DirectoryException.Kind.UNREACHABLE : DirectoryException.Kind.BIND,
          "bind as " + who() + " to " + connection.getConnectedAddress() + ":"
              + connection.getConnectedPort() + " failed: " + Ldap.code(e.getResultCode())
              + Ldap.diagnosticSuffix(e.getDiagnosticMessage())
              + kerberos.map(reason -> "; " + reason).orElse(""),
          Ldap.code(e.getResultCode()), e);
    }
  }

  private String who() {
    return bind instanceof MachineBind.Simple s ? "'" + s.dn() + "'"
        : "'" + ((MachineBind.Kerberos) bind).principal() + "' (GSSAPI)";
  }

  BindRequest bindRequest() throws LDAPException {
    if (bind instanceof MachineBind.Simple simple) {
      byte[] password = simple.password().utf8();
      return new SimpleBindRequest(simple.dn(), password);
    }
    return new GSSAPIBindRequest(gssapiProperties((MachineBind.Kerberos) bind, security));
  }

  /**
   * The GSSAPI settings of a machine-account bind: keytab only (no ticket cache, no prompt).
   * Over TLS, AD refuses SASL integrity or privacy on top of TLS, so only authentication is
   * asked for; without TLS, sealing protects the password write. Over TLS the bind carries
   * {@code tls-server-end-point} channel bindings (RFC 5929: a hash of the server's certificate):
   * DCs that enforce LDAP channel binding, and Samba 4.22 by default, refuse a Kerberos bind
   * over TLS without them ({@code 80090346 ... data 35b}). The SDK computes them from the
   * connection and hands them to the JDK's GSSAPI client.
   */
  static GSSAPIBindRequestProperties gssapiProperties(MachineBind.Kerberos kerberos,
      TransportSecurity security) {
    GSSAPIBindRequestProperties properties =
        new GSSAPIBindRequestProperties(kerberos.principal(), (String) null);
    properties.setUseKeyTab(true);
    properties.setKeyTabPath(kerberos.keytab().toString());
    properties.setUseTicketCache(false);
    properties.setRequireCachedCredentials(false);
    properties.setRenewTGT(false);
    properties.setIsInitiator(true);
    properties.setServicePrincipalProtocol("ldap");
    kerberos.realm().ifPresent(properties::setRealm);
    kerberos.kdc().ifPresent(properties::setKDCAddress);
    properties.setAllowedQoP(security == TransportSecurity.NONE
        ? SASLQualityOfProtection.AUTH_CONF : SASLQualityOfProtection.AUTH);
    properties.setChannelBindingType(security == TransportSecurity.NONE
        ? GSSAPIChannelBindingType.NONE : GSSAPIChannelBindingType.TLS_SERVER_END_POINT);
    return properties;
  }
}
