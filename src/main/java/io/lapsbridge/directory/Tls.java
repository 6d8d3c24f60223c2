package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import io.lapsbridge.model.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * What every connection this package opens shares about TLS: the connection options (timeouts,
 * the host-name check), LDAPS sockets whose handshake the timeout bounds, and the trust manager
 * of a trust store.
 */
final class Tls {
  private Tls() {}

  /** Connect and response timeouts of {@code timeout}, and the host-name check. */
  static LDAPConnectionOptions options(Duration timeout) {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setConnectTimeoutMillis((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    options.setResponseTimeoutMillis(timeout.toMillis());
    // Certificates are checked by the trust manager; this adds the host-name check.
    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
    return options;
  }

  /**
   * LDAPS sockets whose TLS handshake is bounded by {@code timeout}. The SDK's connect timeout
   * ends with TCP, and its connect thread then runs the handshake with no read timeout: a server
   * that accepts and never answers would hold it forever. A read timeout set on the socket before
   * it connects bounds that handshake; the SDK sets its own once the connection is up.
   */
  static SocketFactory boundedHandshake(SocketFactory tls, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    return new SocketFactory() {
      @Override
      public Socket createSocket() throws IOException {
        return bounded(tls.createSocket());
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return bounded(tls.createSocket(host, port));
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort)
          throws IOException {
        return bounded(tls.createSocket(host, port, local, localPort));
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return bounded(tls.createSocket(host, port));
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
          throws IOException {
        return bounded(tls.createSocket(host, port, local, localPort));
      }

      private Socket bounded(Socket socket) throws IOException {
        socket.setSoTimeout(millis);
        return socket;
      }
    };
  }

  /**
   * The trust manager of {@code store}: the JVM's CAs when null, a PEM file by its extension,
   * otherwise a JKS or PKCS#12 key store (detected from its content, since keytool writes PKCS#12
   * whatever the extension). A PKCS#12 store's certificates are usually encrypted, so without
   * its password none can be read; that is said rather than an empty trust list.
   */
  static TrustManager trustManager(Path store, Secret password) throws DirectoryException {
    if (store == null) {
      return JVMDefaultTrustManager.getInstance();
    }
    if (!Files.isReadable(store)) {
      throw new DirectoryException(DirectoryException.Kind.TLS,
          "trust store " + store + " does not exist or is not readable");
    }
    String name = store.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
      try {
        return new PEMFileTrustManager(store.toFile());
      } catch (KeyStoreException e) {
        throw new DirectoryException(DirectoryException.Kind.TLS,
            "trust store " + store + " is not a valid PEM file: " + e.getMessage());
      }
    }
    KeyStore keys;
    char[] chars = password == null ? null : password.chars();
    try {
      keys = KeyStore.getInstance(store.toFile(), chars);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      String why = e.getCause() instanceof java.security.UnrecoverableKeyException
          ? "wrong trust-store password" : "not a PEM, JKS or PKCS#12 file or wrong password";
      throw new DirectoryException(DirectoryException.Kind.TLS,
          "cannot read trust store " + store + ": " + why);
    } finally {
      if (chars != null) {
        java.util.Arrays.fill(chars, '\0');
      }
    }
    try {
      boolean anyCertificate = false;
      for (String alias : Collections.list(keys.aliases())) {
        anyCertificate |= keys.getCertificate(alias) != null;
      }
      if (!anyCertificate) {
        throw new DirectoryException(DirectoryException.Kind.TLS, "trust store " + store
            + " holds no certificate that can be read"
            + (password == null ? " without a password (give --trust-store-password-file)" : ""));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(keys);
      return factory.getTrustManagers()[0];
    } catch (GeneralSecurityException e) {
      throw new DirectoryException(DirectoryException.Kind.TLS,
          "cannot use trust store " + store + ": " + e.getMessage());
    }
  }
}
