package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.NameResolver;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
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
 * @param dnsServer the DNS server to ask for SRV records and controllers' addresses; empty for
 *     the system's
 */
public record AgentConnection(
    List<String> servers,
    Optional<String> domain,
    TransportSecurity security,
    Path trustStore,
    MachineBind bind,
    String baseDn,
    Duration timeout,
    Secret trustStorePassword,
    Optional<String> dnsServer) {

  /** A connection that asks the system's DNS. */
  public AgentConnection(List<String> servers, Optional<String> domain,
      TransportSecurity security, Path trustStore, MachineBind bind, String baseDn,
      Duration timeout, Secret trustStorePassword) {
    this(servers, domain, security, trustStore, bind, baseDn, timeout, trustStorePassword,
        Optional.empty());
  }

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
    if (dnsServer == null) {
      dnsServer = Optional.empty();
    }
    if (security == null || bind == null || timeout == null) {
      throw new IllegalArgumentException("security, bind and timeout are required");
    }
  }

  /** The DNS SRV name the Windows DC locator uses for any domain controller of {@code domain}. */
  public static String srvName(String domain) {
    return new DcLocator(domain, Optional.empty()).srvName();
  }

  /** Where the connection will go, for messages; no credentials. */
  public String describe() {
    return servers.isEmpty() ? locator().describe() : String.join(", ", servers);
  }

  private DcLocator locator() {
    return new DcLocator(domain.orElseThrow(), dnsServer);
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

  /**
   * The domain's controllers in SRV order (priority, then weight: RFC 2782), tried in turn by
   * the SDK's failover. Under LDAPS the port is 636 (or --port): AD publishes SRV records for
   * LDAP only.
   */
  private ServerSet discoveredSet(int defaultPort, SocketFactory sockets,
      LDAPConnectionOptions options, PostConnectProcessor startTls) throws DirectoryException {
    DcLocator locator = locator();
    List<DcLocator.Server> found = locator.servers(new java.util.SplittableRandom());
    NameResolver resolver = locator.nameResolver();
    if (resolver != null) {
      options.setNameResolver(resolver);
    }
    String[] hosts = new String[found.size()];
    int[] ports = new int[found.size()];
    for (int i = 0; i < found.size(); i++) {
      hosts[i] = found.get(i).host();
      ports[i] = security == TransportSecurity.LDAPS ? defaultPort : found.get(i).port();
    }
    return new FailoverServerSet(hosts, ports, sockets, options, null, startTls);
  }

  ServerSet serverSet(int defaultPort, SocketFactory sockets, LDAPConnectionOptions options,
      PostConnectProcessor startTls) throws DirectoryException {
    if (servers.isEmpty()) {
      return discoveredSet(defaultPort, sockets, options, startTls);
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
   * The GSSAPI settings of a machine-account bind: keytab only (no ticket cache, no prompt);
   * quality of protection and channel bindings as {@link KerberosLogin#properties} says.
   */
  static GSSAPIBindRequestProperties gssapiProperties(MachineBind.Kerberos kerberos,
      TransportSecurity security) {
    return kerberos.login().properties(security, null);
  }
}
