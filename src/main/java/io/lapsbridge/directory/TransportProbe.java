package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.NameResolver;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What a DC offers on the wire, found without ever sending a credential in clear text: whether
 * LDAPS and StartTLS answer, the certificate they present (trusted by the configured trust store?
 * valid for the DC's names? when does it expire?), and whether the DC requires LDAP signing.
 *
 * <p>The certificate is taken from a handshake that accepts any certificate and records whether
 * the configured trust store would have, so that an untrusted or mismatched certificate is
 * described rather than only refused. Nothing is sent over such a session.
 *
 * <p>The signing probe: a simple bind over plain LDAP with a DN that cannot exist ({@code
 * CN=lapsbridge-doctor-probe-<random>} under the base) and a random throwaway password, made for
 * this probe and never used again. A DC that requires signing (LDAPServerIntegrity 2, Samba's
 * {@code ldap server require strong auth = yes}) refuses every simple bind without TLS before
 * looking at the name: {@code strongerAuthRequired} (8) or {@code confidentialityRequired} (13).
 * A DC that does not require it looks the name up and answers {@code invalidCredentials} (49).
 * No real name or password is ever on the wire; the bind cannot succeed or lock out an account.
 */
public final class TransportProbe {
  private TransportProbe() {}

  /** Whether a DC requires LDAP signing, as the probe bind showed. */
  public enum Signing { REQUIRED, NOT_REQUIRED, NO_PLAIN_LDAP, UNKNOWN }

  /**
   * What one TLS endpoint did.
   *
   * @param port the TCP port tried
   * @param offered whether the TLS handshake (after StartTLS, for that endpoint) completed
   * @param detail what happened, for the evidence
   */
  public record Endpoint(int port, boolean offered, String detail) {}

  /**
   * The DC's certificate as presented.
   *
   * @param subject the subject DN
   * @param issuer the issuer DN
   * @param names the subject alternative names (DNS and IP), in certificate order
   * @param notAfter the end of its validity
   * @param trustProblem why the configured trust store does not trust it, or empty
   * @param nameMatches each name checked (the host connected to, the DC's dnsHostName) and
   *     whether the certificate is valid for it
   */
  public record Certificate(String subject, String issuer, List<String> names, Instant notAfter,
      Optional<String> trustProblem, Map<String, Boolean> nameMatches) {
    public Certificate {
      names = List.copyOf(names);
      nameMatches = new LinkedHashMap<>(nameMatches);
    }
  }

  /**
   * Everything the probe found.
   *
   * @param host the host probed
   * @param ldaps the LDAPS endpoint
   * @param startTls StartTLS on the plain LDAP port
   * @param certificate the certificate of the first endpoint that completed a handshake
   * @param signing what the probe bind showed
   * @param signingEvidence the result the probe bind got
   */
  public record Report(String host, Endpoint ldaps, Endpoint startTls,
      Optional<Certificate> certificate, Signing signing, String signingEvidence) {}

  /**
   * Probes {@code settings.host()}.
   *
   * @param ldapPort the plain LDAP port (StartTLS and the signing probe)
   * @param ldapsPort the LDAPS port
   * @param dcName the DC's own name (the root DSE's dnsHostName), checked against the
   *     certificate besides the host connected to; null when unknown
   */
  public static Report probe(ConnectionSettings settings, int ldapPort, int ldapsPort,
      String dcName, String baseDn) throws DirectoryException {
    X509TrustManager trust = x509(Tls.trustManager(settings.trustStore(),
        settings.trustStorePassword()));
    List<String> names = new ArrayList<>(List.of(settings.host()));
    if (dcName != null && !dcName.equalsIgnoreCase(settings.host())) {
      names.add(dcName);
    }
    Capture ldapsCapture = new Capture(trust);
    Endpoint ldaps = ldaps(settings, ldapsPort, ldapsCapture, names);
    Capture startCapture = new Capture(trust);
    Endpoint startTls = startTls(settings, ldapPort, startCapture, names);
    Optional<Certificate> certificate = ldapsCapture.certificate.isPresent()
        ? ldapsCapture.certificate : startCapture.certificate;
    String[] signingEvidence = new String[1];
    Signing signing = signing(settings, ldapPort, baseDn, signingEvidence);
    return new Report(settings.host(), ldaps, startTls, certificate, signing, signingEvidence[0]);
  }

  private static Endpoint ldaps(ConnectionSettings settings, int port, Capture capture,
      List<String> names) {
    int millis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
    try {
      SSLContext context = capture.context();
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
        socket.setSoTimeout(millis);
        socket.connect(new InetSocketAddress(options(settings).getNameResolver()
            .getByName(settings.host()), port), millis);
        socket.startHandshake();
        capture.describe(socket.getSession(), names);
        return new Endpoint(port, true, "TLS handshake completed ("
            + socket.getSession().getProtocol() + ")");
      }
    } catch (IOException | GeneralSecurityException e) {
      return new Endpoint(port, false, "no TLS handshake: " + Ldap.rootMessage(e));
    }
  }

  /**
   * Connection options for a probe: a DC found through a named DNS server ({@code --dns-server})
   * is resolved by that server, as the bind's connection was.
   */
  private static LDAPConnectionOptions options(ConnectionSettings settings) {
    LDAPConnectionOptions options = Tls.options(settings.timeout());
    NameResolver resolver = settings.locator() == null ? null
        : settings.locator().nameResolver();
    if (resolver != null) {
      options.setNameResolver(resolver);
    }
    return options;
  }

  private static Endpoint startTls(ConnectionSettings settings, int port, Capture capture,
      List<String> names) {
    try (LDAPConnection connection = new LDAPConnection(options(settings),
        settings.host(), port)) {
      ExtendedResult result = connection.processExtendedOperation(
          new StartTLSExtendedRequest(capture.context()));
      if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
        return new Endpoint(port, false, "StartTLS refused: " + Ldap.describe(result));
      }
      SSLSession session = connection.getSSLSession();
      if (session != null) {
        capture.describe(session, names);
      }
      return new Endpoint(port, true, "StartTLS accepted");
    } catch (LDAPException e) {
      return new Endpoint(port, false, (Ldap.isConnectionLoss(e.getResultCode())
          ? "no LDAP server answered: " : "StartTLS failed: ") + Ldap.rootMessage(e));
    } catch (GeneralSecurityException e) {
      return new Endpoint(port, false, "cannot set up TLS: " + e.getMessage());
    }
  }

  private static Signing signing(ConnectionSettings settings, int port, String baseDn,
      String[] evidence) {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String dn = "CN=lapsbridge-doctor-probe-" + HexFormat.of().formatHex(random, 0, 6) + ","
        + baseDn;
    byte[] throwaway = HexFormat.of().formatHex(random, 6, 12).getBytes(
        java.nio.charset.StandardCharsets.US_ASCII);
    try (LDAPConnection connection = new LDAPConnection(options(settings),
        settings.host(), port)) {
      ResultCode code;
      String diagnostic;
      try {
        BindResult result = connection.bind(new SimpleBindRequest(dn, throwaway));
        code = result.getResultCode();
        diagnostic = result.getDiagnosticMessage();
      } catch (LDAPException e) {
        code = e.getResultCode();
        diagnostic = e.getDiagnosticMessage();
      }
      evidence[0] = "a simple bind over plain LDAP on port " + port + " with a random DN and"
          + " throwaway password got " + Ldap.code(code) + Ldap.diagnosticSuffix(diagnostic);
      if (ResultCode.STRONG_AUTH_REQUIRED.equals(code)
          || ResultCode.CONFIDENTIALITY_REQUIRED.equals(code)) {
        return Signing.REQUIRED;
      }
      if (ResultCode.INVALID_CREDENTIALS.equals(code)) {
        return Signing.NOT_REQUIRED;
      }
      return Signing.UNKNOWN;
    } catch (LDAPException e) {
      evidence[0] = "no LDAP server answered on port " + port + ": " + Ldap.rootMessage(e);
      return Signing.NO_PLAIN_LDAP;
    } finally {
      java.util.Arrays.fill(throwaway, (byte) 0);
    }
  }

  private static X509TrustManager x509(TrustManager manager) throws DirectoryException {
    if (manager instanceof X509TrustManager x509) {
      return x509;
    }
    throw new DirectoryException(DirectoryException.Kind.TLS,
        "the trust store gives no X.509 trust manager");
  }

  /**
   * A trust manager that accepts the server's chain but records whether {@code trust} would
   * have, so the certificate can be described either way.
   */
  private static final class Capture implements X509TrustManager {
    private final X509TrustManager trust;
    private X509Certificate[] chain;
    private String trustProblem;
    private Optional<Certificate> certificate = Optional.empty();

    Capture(X509TrustManager trust) {
      this.trust = trust;
    }

    SSLContext context() throws GeneralSecurityException {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {this}, null);
      return context;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType)
        throws CertificateException {
      throw new CertificateException("not a server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) {
      chain = certificates.clone();
      try {
        trust.checkServerTrusted(certificates, authType);
        trustProblem = null;
      } catch (CertificateException e) {
        trustProblem = Ldap.rootMessage(e);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }

    void describe(SSLSession session, List<String> names) {
      if (chain == null || chain.length == 0) {
        return;
      }
      X509Certificate leaf = chain[0];
      Map<String, Boolean> matches = new LinkedHashMap<>();
      HostNameSSLSocketVerifier verifier = new HostNameSSLSocketVerifier(true);
      for (String name : names) {
        matches.put(name, verifier.verify(name, session));
      }
      certificate = Optional.of(new Certificate(leaf.getSubjectX500Principal().getName(),
          leaf.getIssuerX500Principal().getName(), alternativeNames(leaf),
          leaf.getNotAfter().toInstant(), Optional.ofNullable(trustProblem), matches));
    }
  }

  private static List<String> alternativeNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      if (certificate.getSubjectAlternativeNames() != null) {
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
          Object type = name.get(0);
          if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
            names.add(String.valueOf(name.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      names.add("(unreadable subject alternative names)");
    }
    return names;
  }
}
