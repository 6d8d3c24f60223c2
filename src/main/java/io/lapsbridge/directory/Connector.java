package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.NameResolver;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.SSLUtil;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Opens, secures and binds one LDAP connection, turning each failure into a clear message. */
final class Connector {
  /** Draws among SRV records of equal priority; not a secret. */
  private static final RandomGenerator RANDOM = new SplittableRandom();

  private Connector() {}

  static LDAPConnection open(ConnectionSettings settings) throws DirectoryException {
    return open(settings, true);
  }

  /**
   * @param synchronous whether the calling thread reads each response itself, which saves a
   *     reader thread and a hand-off per operation but rules out asynchronous (pipelined)
   *     operations
   */
  static LDAPConnection open(ConnectionSettings settings, boolean synchronous)
      throws DirectoryException {
    LDAPConnectionOptions options = Tls.options(settings.timeout());
    options.setUseSynchronousMode(synchronous);
    if (settings.kerberos() != null && settings.kerberos().usesTicketCache()) {
      // The JDK says only that it found no usable credentials; the cache itself says why.
      Optional<String> problem = settings.kerberos().ticketCache()
          .flatMap(cache -> TicketCache.problem(cache, Instant.now()));
      if (problem.isPresent()) {
        throw new DirectoryException(DirectoryException.Kind.BIND, "cannot bind as "
            + settings.who() + " to " + settings.endpoint() + ": " + problem.get());
      }
    }
    if (settings.host() == null || settings.host().isBlank()) {
      return openDiscovered(settings, options);
    }
    return openAt(settings, options);
  }

  /**
   * Tries the domain's controllers in SRV order until one connects; a bind failure ends the
   * search (another controller of the same domain would refuse the same credentials).
   */
  private static LDAPConnection openDiscovered(ConnectionSettings settings,
      LDAPConnectionOptions options) throws DirectoryException {
    DcLocator locator = settings.locator();
    NameResolver resolver = locator.nameResolver();
    if (resolver != null) {
      options.setNameResolver(resolver);
    }
    List<String> tried = new ArrayList<>();
    DirectoryException last = null;
    for (DcLocator.Server server : locator.servers(RANDOM)) {
      int port = settings.port() != 0 ? settings.port()
          : settings.security() == TransportSecurity.LDAPS ? 636 : server.port();
      ConnectionSettings at = settings.at(server.host(), port);
      try {
        return openAt(at, options);
      } catch (DirectoryException e) {
        if (e.kind() != DirectoryException.Kind.UNREACHABLE
            && e.kind() != DirectoryException.Kind.TLS) {
          throw e;
        }
        tried.add(e.getMessage());
        last = e;
      }
    }
    throw new DirectoryException(last.kind(), "no domain controller of " + locator.domain()
        + " (" + locator.describe() + ") could be used: " + String.join("; ", tried),
        last.resultCode().orElse(null), last);
  }

  private static LDAPConnection openAt(ConnectionSettings settings, LDAPConnectionOptions options)
      throws DirectoryException {
    LDAPConnection connection;
    try {
      if (settings.security() == TransportSecurity.LDAPS) {
        SSLUtil ssl = sslUtil(settings);
        connection =
            new LDAPConnection(
                Tls.boundedHandshake(ssl.createSSLSocketFactory(), settings.timeout()), options, settings.host(), settings.port());
      } else {
        connection = new LDAPConnection(options, settings.host(), settings.port());
      }
    } catch (LDAPException e) {
      throw connectFailure(settings, e);
    } catch (GeneralSecurityException e) {
      throw new DirectoryException(
          DirectoryException.Kind.TLS,
          "cannot set up TLS for " + settings.endpoint() + ": " + e.getMessage());
    }
    try {
      if (settings.security() == TransportSecurity.START_TLS) {
        startTls(connection, settings);
      }
      bind(connection, settings);
      return connection;
    } catch (DirectoryException e) {
      connection.close();
      throw e;
    }
  }

  private static void startTls(LDAPConnection connection, ConnectionSettings settings)
      throws DirectoryException {
    try {
      SSLContext context = sslUtil(settings).createSSLContext();
      ExtendedResult result = connection.processExtendedOperation(new StartTLSExtendedRequest(context));
      if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
        throw new DirectoryException(
            DirectoryException.Kind.TLS,
            "StartTLS refused by " + settings.endpoint() + ": " + Ldap.describe(result),
            Ldap.code(result.getResultCode()),
            null);
      }
    } catch (LDAPException e) {
      // The StartTLS response came: a timeout now is the handshake's, not the network's.
      throw handshakeUnanswered(e) ? handshakeTimeout(settings, e) : connectFailure(settings, e);
    } catch (GeneralSecurityException e) {
      throw new DirectoryException(
          DirectoryException.Kind.TLS,
          "cannot set up TLS for " + settings.endpoint() + ": " + e.getMessage());
    }
  }

  private static void bind(LDAPConnection connection, ConnectionSettings settings)
      throws DirectoryException {
    if (settings.kerberos() != null) {
      kerberosBind(connection, settings);
      return;
    }
    if (settings.bindDn() == null) {
      return;
    }
    byte[] password = settings.bindPassword() == null ? new byte[0] : settings.bindPassword().utf8();
    try {
      BindResult result = connection.bind(new SimpleBindRequest(settings.bindDn(), password));
      if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
        throw bindFailure(connection, settings, result.getResultCode(),
            result.getDiagnosticMessage());
      }
    } catch (LDAPException e) {
      if (Ldap.isConnectionLoss(e.getResultCode())) {
        throw connectFailure(settings, e);
      }
      throw bindFailure(connection, settings, e.getResultCode(), e.getDiagnosticMessage());
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /** SASL GSSAPI with the ticket cache or a keytab; a Kerberos failure is named by its reason. */
  private static void kerberosBind(LDAPConnection connection, ConnectionSettings settings)
      throws DirectoryException {
    KerberosLogin login = settings.kerberos();
    String server = settings.host();
    try {
      BindResult result = connection.bind(
          new GSSAPIBindRequest(login.properties(settings.security(), server)));
      if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
        throw new LDAPException(result);
      }
    } catch (LDAPException e) {
      if (Ldap.isConnectionLoss(e.getResultCode())) {
        throw connectFailure(settings, e);
      }
      // A Kerberos failure never reaches the server: the SDK says only "local error (82)".
      Optional<String> kerberos = KerberosFailure.reason(e, login, server)
          .or(() -> Optional.ofNullable(e.getMessage()).map(Connector::oneLine));
      throw new DirectoryException(DirectoryException.Kind.BIND,
          "bind as " + settings.who() + " to " + settings.endpoint() + " failed: "
              + Ldap.code(e.getResultCode()) + Ldap.diagnosticSuffix(e.getDiagnosticMessage())
              + kerberos.map(reason -> "; " + reason).orElse(""),
          Ldap.code(e.getResultCode()), e);
    }
  }

  /** The SDK's message on one line, without its version suffix. */
  static String oneLine(String message) {
    int version = message.indexOf(", ldapSDKVersion=");
    String text = version >= 0 ? message.substring(0, version) : message;
    return text.replace("\\n", " ").replace("\\t", " ").replaceAll("\\s+", " ").strip();
  }

  /**
   * What to use instead when a DC refused a simple bind without TLS because it requires LDAP
   * signing ({@code strongerAuthRequired}, as Windows Server 2025 and Samba do by default).
   * Empty for any other failure.
   */
  static String strongerAuthHint(ResultCode code, TransportSecurity security) {
    if (!ResultCode.STRONG_AUTH_REQUIRED.equals(code) || security != TransportSecurity.NONE) {
      return "";
    }
    return "; the server requires LDAP signing or TLS and refuses a simple bind in clear text:"
        + " bind with --kerberos (signed and sealed), or use --ldaps or --start-tls";
  }

  private static DirectoryException bindFailure(LDAPConnection connection,
      ConnectionSettings settings, ResultCode code, String diagnostic) {
    String reason =
        ResultCode.INVALID_CREDENTIALS.equals(code) ? "invalid credentials" : code.getName();
    String hint = strongerAuthHint(code, settings.security())
        + (!bare(settings.bindDn()) ? "" : bareNameHint(settings.bindDn(), code,
        diagnostic, settings.baseDn() != null ? settings.baseDn() : defaultNamingContext(connection)));
    return new DirectoryException(
        DirectoryException.Kind.BIND,
        "bind as '" + settings.bindDn() + "' to " + settings.endpoint() + " failed: " + reason
            + Ldap.diagnosticSuffix(diagnostic) + hint,
        Ldap.code(code),
        null);
  }

  /** A user name without a domain: not {@code name@domain}, {@code DOMAIN\name} or a DN. */
  private static boolean bare(String bindName) {
    return bindName.indexOf('@') < 0 && bindName.indexOf('\\') < 0 && bindName.indexOf('=') < 0;
  }

  /** The root DSE's defaultNamingContext, which AD shows before a bind; null if unreadable. */
  private static String defaultNamingContext(LDAPConnection connection) {
    try {
      RootDSE root = connection.getRootDSE();
      return root == null ? null : root.getAttributeValue("defaultNamingContext");
    } catch (LDAPException e) {
      return null;
    }
  }

  /**
   * What to bind with instead, when AD refused a bare user name (#13 item 8). AD answers a name
   * without a domain with the same {@code data 52e} (bad user name or password) as a wrong
   * password, so the hint says which forms AD takes rather than that the name is wrong. Empty
   * for any other failure or name.
   *
   * @param baseDn the search base, whose {@code dc=} labels give the domain for the example UPN;
   *     null when not known yet
   */
  static String bareNameHint(String bindName, ResultCode code, String diagnostic, String baseDn) {
    if (!bare(bindName) || !ResultCode.INVALID_CREDENTIALS.equals(code) || diagnostic == null
        || !diagnostic.toLowerCase(Locale.ROOT).contains("data 52e")) {
      return "";
    }
    String domain = baseDn == null ? "domain" : DomainNames.dnsNameOf(baseDn).orElse("domain");
    return "; '" + bindName + "' has no domain, and AD binds a user as " + bindName + "@"
        + domain + ", DOMAIN\\" + bindName + " (DOMAIN: the NetBIOS domain name) or by DN";
  }

  private static DirectoryException connectFailure(ConnectionSettings settings, LDAPException e) {
    if (settings.security() == TransportSecurity.LDAPS && handshakeUnanswered(e)) {
      return handshakeTimeout(settings, e);
    }
    if (Ldap.isTlsFailure(e)) {
      Throwable tls = cause(e, SSLException.class);
      return new DirectoryException(
          DirectoryException.Kind.TLS,
          "TLS with " + settings.endpoint() + " failed: " + Ldap.rootMessage(tls != null ? tls : e)
              + " (check --trust-store and that the host name matches the certificate)",
          Ldap.code(e.getResultCode()),
          e);
    }
    return new DirectoryException(
        DirectoryException.Kind.UNREACHABLE,
        "cannot reach " + settings.endpoint() + ": " + Ldap.rootMessage(e),
        Ldap.code(e.getResultCode()),
        e);
  }

  /**
   * TCP was accepted (and, with StartTLS, the operation answered) but the TLS handshake never
   * completed (#18 item 1). Depending on the timing the SDK words it as a read timeout or as an
   * unauthenticated peer.
   */
  private static DirectoryException handshakeTimeout(ConnectionSettings settings,
      LDAPException e) {
    return new DirectoryException(
        DirectoryException.Kind.TLS,
        "TLS with " + settings.endpoint() + " failed: no answer to the TLS handshake within "
            + settings.timeout().toSeconds() + " s",
        Ldap.code(e.getResultCode()),
        e);
  }

  /** A read timeout (not a connect timeout), or a session that never got the peer's certificate. */
  private static boolean handshakeUnanswered(LDAPException e) {
    Throwable timeout = cause(e, SocketTimeoutException.class);
    return (timeout != null && !"connect timed out".equals(timeout.getMessage()))
        || cause(e, SSLPeerUnverifiedException.class) != null;
  }

  private static SSLUtil sslUtil(ConnectionSettings settings) throws DirectoryException {
    return new SSLUtil(Tls.trustManager(settings.trustStore(), settings.trustStorePassword()));
  }

  private static Throwable cause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
