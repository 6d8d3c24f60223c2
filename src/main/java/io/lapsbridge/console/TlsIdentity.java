package io.lapsbridge.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The console's HTTPS identity: a key and its certificate chain in an in-memory key store. From
 * PEM files (a certificate chain and an unencrypted PKCS#8 key, {@code BEGIN PRIVATE KEY}), or
 * self-signed for the demo, made by the JDK's {@code keytool} so that no certificate code is
 * written here.
 */
public final class TlsIdentity {
  static final String ALIAS = "console";
  private final KeyStore keyStore;
  private final char[] password;
  private final String description;

  private TlsIdentity(KeyStore keyStore, char[] password, String description) {
    this.keyStore = keyStore;
    this.password = password;
    this.description = description;
  }

  public KeyStore keyStore() {
    return keyStore;
  }

  /** The in-memory store's own random password; it protects nothing on disk. */
  public String keyStorePassword() {
    return new String(password);
  }

  /** Reads a PEM certificate chain and its PKCS#8 private key (RSA or EC). */
  public static TlsIdentity fromPem(Path certificateFile, Path keyFile) throws IOException {
    Collection<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(certificateFile)) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the certificate " + certificateFile + ": "
          + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new IOException("no certificate in " + certificateFile);
    }
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN PRIVATE KEY-----";
    int start = pem.indexOf(begin);
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (start < 0 || end < start) {
      throw new IOException(keyFile + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
          + " convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IOException(keyFile + ": the key is not valid base64", e);
    }
    PrivateKey key = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException tryNext) {
        // The PKCS#8 wrapper names the algorithm; each factory refuses the others.
      }
    }
    Arrays.fill(der, (byte) 0);
    if (key == null) {
      throw new IOException(keyFile + ": not an RSA, EC or Ed25519 PKCS#8 key");
    }
    try {
      char[] password = randomPassword();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
      return new TlsIdentity(store, password, "certificate " + certificateFile);
    } catch (GeneralSecurityException e) {
      throw new IOException("the key in " + keyFile + " does not go with the certificate "
          + certificateFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new self-signed certificate for {@code hostNames} (DNS names or IP addresses), valid for 30
   * days. The key never touches the disk longer than keytool needs to make it.
   */
  public static TlsIdentity selfSigned(List<String> hostNames) throws IOException {
    char[] password = randomPassword();
    Path folder = Files.createTempDirectory("lapsbridge-console-tls-");
    Path file = folder.resolve("console.p12");
    try {
      List<String> san = new ArrayList<>();
      for (String name : hostNames) {
        san.add((name.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + name);
      }
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
          "-sigalg", "SHA256withECDSA", "-dname", "CN=" + hostNames.get(0) + ", O=lapsbridge console",
          "-ext", "SAN=" + String.join(",", san), "-validity", "30",
          "-storetype", "PKCS12", "-keystore", file.toString(),
          "-storepass:env", "CONSOLE_STOREPASS", "-noprompt"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      // The password goes through the environment, never the command line.
      builder.environment().put("CONSOLE_STOREPASS", new String(password));
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("keytool could not make a certificate: "
            + output.strip().lines().findFirst().orElse("no output"));
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password);
      }
      return new TlsIdentity(store, password,
          "self-signed certificate for " + String.join(", ", hostNames));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making a certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the certificate keytool made: " + e.getMessage(), e);
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The certificate as PEM, for a client's trust store (the demo and the tests print it). */
  public String certificatePem() {
    try {
      Certificate certificate = keyStore.getCertificate(ALIAS);
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the console's key store has no certificate", e);
    }
  }

  private static char[] randomPassword() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random).toCharArray();
  }

  @Override
  public String toString() {
    return "TlsIdentity[" + description + "]";
  }
}
