package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** Opens, secures and binds one LDAP connection, turning each failure into a clear message. */
final class Connector {
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
      throw connectFailure(settings, e);
    } catch (GeneralSecurityException e) {
      throw new DirectoryException(
          DirectoryException.Kind.TLS,
          "cannot set up TLS for " + settings.endpoint() + ": " + e.getMessage());
    }
  }

  private static void bind(LDAPConnection connection, ConnectionSettings settings)
      throws DirectoryException {
    if (settings.bindDn() == null) {
      return;
    }
    byte[] password = settings.bindPassword() == null ? new byte[0] : settings.bindPassword().utf8();
    try {
      BindResult result = connection.bind(new SimpleBindRequest(settings.bindDn(), password));
      if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
        throw bindFailure(settings, result.getResultCode(), result.getDiagnosticMessage());
      }
    } catch (LDAPException e) {
      if (Ldap.isConnectionLoss(e.getResultCode())) {
        throw connectFailure(settings, e);
      }
      throw bindFailure(settings, e.getResultCode(), e.getDiagnosticMessage());
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private static DirectoryException bindFailure(
      ConnectionSettings settings, ResultCode code, String diagnostic) {
    String reason =
        ResultCode.INVALID_CREDENTIALS.equals(code) ? "invalid credentials" : code.getName();
    return new DirectoryException(
        DirectoryException.Kind.BIND,
        "bind as '" + settings.bindDn() + "' to " + settings.endpoint() + " failed: " + reason
            + Ldap.diagnosticSuffix(diagnostic),
        Ldap.code(code),
        null);
  }

  private static DirectoryException connectFailure(ConnectionSettings settings, LDAPException e) {
    if (Ldap.isTlsFailure(e)) {
      Throwable tls = cause(e, SSLException.class);
      return new DirectoryException(
          DirectoryException.Kind.TLS,
          "TLS with " + settings.endpoint() + " failed: " + rootMessage(tls != null ? tls : e)
              + " (check --trust-store and that the host name matches the certificate)",
          Ldap.code(e.getResultCode()),
          e);
    }
    return new DirectoryException(
        DirectoryException.Kind.UNREACHABLE,
        "cannot reach " + settings.endpoint() + ": " + rootMessage(e),
        Ldap.code(e.getResultCode()),
        e);
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

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
