package io.lapsbridge.entra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for Graph and the identity platform when the JDK's CAs are not the ones to
 * trust (a proxy's CA, the stand-in's self-signed certificate): certificates from a PEM file, or
 * a JKS or PKCS#12 store without a password. Host names are still verified.
 */
public final class TrustStore {
  private TrustStore() {}

  /** An SSL context trusting the certificates of {@code file}. */
  public static SSLContext context(Path file) throws GraphException {
    try {
      KeyStore store;
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(11);
      }
      if (new String(head, StandardCharsets.US_ASCII).startsWith("-----BEGIN")) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
          for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            store.setCertificateEntry("cert-" + n++, c);
          }
        }
        if (n == 0) {
          throw new GraphException(GraphException.Kind.LOCAL_INPUT,
              "--graph-trust-store " + file + " holds no certificate");
        }
      } else {
        store = KeyStore.getInstance(file.toFile(), (char[]) null);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new GraphException(GraphException.Kind.LOCAL_INPUT, "--graph-trust-store " + file
          + " cannot be used: " + e.getClass().getSimpleName());
    }
  }
}
