package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.model.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust store formats the README lists, each made by the JDK's keytool (#18 item 4). */
class TrustStoreFormatsTest {
  private static final String PASSWORD = "changeit";
  @TempDir static Path dir;
  static Path pem;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path identity = dir.resolve("identity.p12");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=Test CA",
        "-keystore", identity.toString(), "-storepass", PASSWORD);
    pem = dir.resolve("ca.pem");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", identity.toString(),
        "-storepass", PASSWORD, "-file", pem.toString());
  }

  @Test
  void pemNeedsNoPassword() throws Exception {
    assertEquals(1, issuers(pem, null));
  }

  @Test
  void jksIsRead() throws Exception {
    assertEquals(1, issuers(store("ca.jks", "JKS"), null));
  }

  @Test
  void pkcs12IsReadWithItsPassword() throws Exception {
    assertEquals(1, issuers(store("ca.p12", "PKCS12"), Secret.of(PASSWORD)));
  }

  @Test
  void jksNamedStoreThatKeytoolWroteAsPkcs12IsReadWithItsPassword() throws Exception {
    assertEquals(1, issuers(store("today.jks", null), Secret.of(PASSWORD)));
  }

  @Test
  void pkcs12WithoutPasswordSaysSo() throws Exception {
    Path store = store("nopass.p12", "PKCS12");
    DirectoryException e =
        assertThrows(DirectoryException.class, () -> Tls.trustManager(store, null));
    assertEquals("trust store " + store + " holds no certificate that can be read without a"
        + " password (give --trust-store-password-file)", e.getMessage());
  }

  @Test
  void wrongPasswordIsNamed() throws Exception {
    Path store = store("wrong.p12", "PKCS12");
    DirectoryException e = assertThrows(DirectoryException.class,
        () -> Tls.trustManager(store, Secret.of("not-it")));
    assertEquals("cannot read trust store " + store + ": wrong trust-store password",
        e.getMessage());
  }

  private static int issuers(Path store, Secret password) throws DirectoryException {
    return ((X509TrustManager) Tls.trustManager(store, password)).getAcceptedIssuers().length;
  }

  private static Path store(String name, String type) throws Exception {
    Path store = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("-importcert", "-noprompt", "-alias", "ca",
        "-file", pem.toString(), "-keystore", store.toString(), "-storepass", PASSWORD));
    if (type != null) {
      args.add("-storetype");
      args.add(type);
    }
    keytool(args.toArray(String[]::new));
    return store;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
  }
}
