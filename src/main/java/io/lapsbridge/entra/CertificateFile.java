package io.lapsbridge.entra;

import io.lapsbridge.model.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application's certificate and private key for client-credential sign-in: a PEM file with
 * the certificate chain and an unencrypted PKCS#8 RSA key ({@code BEGIN PRIVATE KEY}), or a
 * PKCS#12 file with its password.
 */
final class CertificateFile {
  private static final Pattern PEM_KEY = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private static final Pattern PEM_CERTIFICATE = Pattern.compile(
      "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");

  private CertificateFile() {}

  /** The key and its chain, leaf first. */
  record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
    @Override
    public String toString() {
      return "KeyAndChain[" + chain.get(0).getSubjectX500Principal() + "]";
    }
  }

  static KeyAndChain load(Path file, Secret password) throws GraphException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw local(file, "cannot be read: " + e.getClass().getSimpleName());
    }
    try {
      String text = new String(bytes, StandardCharsets.US_ASCII);
      return text.contains("-----BEGIN ") ? pem(file, text) : pkcs12(file, bytes, password);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static KeyAndChain pem(Path file, String text) throws GraphException {
    if (text.contains("-----BEGIN RSA PRIVATE KEY-----")
        || text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw local(file, "holds a PKCS#1 or encrypted key; convert it with 'openssl pkcs8"
          + " -topk8 -nocrypt' or give a PKCS#12 file");
    }
    Matcher key = PEM_KEY.matcher(text);
    if (!key.find()) {
      throw local(file, "has no '-----BEGIN PRIVATE KEY-----' block (PKCS#8)");
    }
    byte[] der = Base64.getMimeDecoder().decode(key.group(1));
    try {
      PrivateKey privateKey = KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(der));
      List<X509Certificate> chain = new ArrayList<>();
      Matcher block = PEM_CERTIFICATE.matcher(text);
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      while (block.find()) {
        for (Certificate c : x509.generateCertificates(new ByteArrayInputStream(
            block.group().getBytes(StandardCharsets.US_ASCII)))) {
          chain.add((X509Certificate) c);
        }
      }
      if (chain.isEmpty()) {
        throw local(file, "has no '-----BEGIN CERTIFICATE-----' block");
      }
      return new KeyAndChain(privateKey, List.copyOf(chain));
    } catch (GeneralSecurityException e) {
      throw local(file, "is not an RSA key and X.509 certificate: "
          + e.getClass().getSimpleName());
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  private static KeyAndChain pkcs12(Path file, byte[] bytes, Secret password)
      throws GraphException {
    char[] chars = password == null ? new char[0] : password.chars();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), chars);
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, chars);
        Certificate[] chain = store.getCertificateChain(alias);
        if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
          List<X509Certificate> list = new ArrayList<>();
          for (Certificate c : chain) {
            list.add((X509Certificate) c);
          }
          return new KeyAndChain(privateKey, List.copyOf(list));
        }
      }
      throw local(file, "holds no private key with its certificate");
    } catch (IOException e) {
      // PKCS#12 reports a wrong password as an IOException.
      throw local(file, "is not a PKCS#12 file, or the password is wrong"
          + " (--client-certificate-password-file)");
    } catch (GeneralSecurityException e) {
      throw local(file, "cannot be opened: " + e.getClass().getSimpleName());
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private static GraphException local(Path file, String problem) {
    return new GraphException(GraphException.Kind.LOCAL_INPUT,
        "--client-certificate " + file + " " + problem);
  }
}
