package io.lapsbridge.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.embedded.entra.GraphStandIn;
import io.lapsbridge.model.Secret;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each sign-in against the stand-in through MSAL: a certificate as PKCS#12 and as PEM (the
 * stand-in verifies the signed client assertion), the persistent token cache (reused, owner-only,
 * refused when others may read it), and the delegated permission failures of the device-code
 * flow.
 */
class EntraAuthTest {
  static final String P12_PASSWORD = "p12-Pass-w0rd";
  @TempDir static Path dir;
  static Path p12;
  static Path pem;
  static Path p12Password;
  static GraphStandIn standIn;

  @BeforeAll
  static void start() throws Exception {
    p12 = dir.resolve("app.p12");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize",
        "2048", "-dname", "CN=lapsbridge-test-app", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", p12.toString(), "-storepass:env", "P12PASS", "-noprompt")
        .redirectErrorStream(true);
    builder.environment().put("P12PASS", P12_PASSWORD);
    Process keytool = builder.start();
    keytool.getInputStream().readAllBytes();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, keytool.exitValue());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      store.load(in, P12_PASSWORD.toCharArray());
    }
    X509Certificate certificate = (X509Certificate) store.getCertificate("app");
    PrivateKey key = (PrivateKey) store.getKey("app", P12_PASSWORD.toCharArray());
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    pem = dir.resolve("app.pem");
    Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
        + mime.encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n"
        + "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    p12Password = dir.resolve("p12.pw");
    Files.writeString(p12Password, P12_PASSWORD + "\n");
    standIn = GraphStandIn.start(EntraTenant.config(certificate, 0, 100, true,
        Set.of("Helpdesk Administrator")));
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  private static EntraDirectory open(String client, EntraCredential credential, Path cache,
      List<String> prompts) throws GraphException {
    return EntraDirectory.open(EntraTenant.settings(standIn, client, credential, cache),
        prompts::add, "test");
  }

  @Test
  void certificateFromPkcs12SignsTheClientAssertion() throws Exception {
    EntraDirectory entra = open(EntraTenant.CERT, new EntraCredential.ClientCertificate(p12,
        Secret.of(P12_PASSWORD)), null, new ArrayList<>());
    assertEquals(EntraTenant.CURRENT,
        entra.read(EntraTenant.UTF16_ID).credentials().credentials().get(0).password().reveal());
  }

  @Test
  void certificateFromPemSignsTheClientAssertion() throws Exception {
    EntraDirectory entra = open(EntraTenant.CERT, new EntraCredential.ClientCertificate(pem,
        null), null, new ArrayList<>());
    assertEquals(EntraTenant.UTF8_PASSWORD,
        entra.read(EntraTenant.UTF8_ID).credentials().credentials().get(0).password().reveal());
  }

  @Test
  void aCertificateTheAppDoesNotHaveIsRefused() throws Exception {
    // The FULL application has a secret and no certificate registered.
    EntraDirectory entra = open(EntraTenant.FULL, new EntraCredential.ClientCertificate(pem,
        null), null, new ArrayList<>());
    GraphException e = assertThrows(GraphException.class, () -> entra.read(EntraTenant.UTF8_ID));
    assertEquals(GraphException.Kind.AUTHENTICATION, e.kind());
    assertTrue(e.getMessage().contains("AADSTS700027"), e.getMessage());
  }

  @Test
  void aWrongPkcs12PasswordIsALocalInputError() {
    GraphException e = assertThrows(GraphException.class, () -> open(EntraTenant.CERT,
        new EntraCredential.ClientCertificate(p12, Secret.of("wrong")), null, new ArrayList<>()));
    assertEquals(GraphException.Kind.LOCAL_INPUT, e.kind());
    assertEquals("--client-certificate " + p12 + " is not a PKCS#12 file, or the password is"
        + " wrong (--client-certificate-password-file)", e.getMessage());
  }

  @Test
  void persistentCacheIsOwnerOnlyHoldsTheTokenAndIsReadBack() throws Exception {
    Path cache = dir.resolve("tokens.json");
    open(EntraTenant.FULL, EntraTenant.secret(), cache, new ArrayList<>())
        .read(EntraTenant.UTF16_ID);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    String cached = Files.readString(cache);
    assertTrue(cached.contains("\"AccessToken\""), cached.length() + " characters");
    assertTrue(cached.contains("\"client_id\":\"" + EntraTenant.FULL + "\""));
    assertTrue(!cached.contains(EntraTenant.SECRET), "the cache holds tokens, never the secret");
    // A second run reads the file back (MSAL's lookup on a non-default port is the stand-in's
    // limit, see MsalTokens) and rewrites it owner-only.
    open(EntraTenant.FULL, EntraTenant.secret(), cache, new ArrayList<>())
        .read(EntraTenant.UTF16_ID);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.filter(p -> p.getFileName().toString()
          .startsWith(".lapsbridge-token-cache-")).count(), "no temporary file left");
    }
  }

  @Test
  void withoutACacheFileEachRunAsksAgain() throws Exception {
    int before = standIn.tokenRequests();
    open(EntraTenant.FULL, EntraTenant.secret(), null, new ArrayList<>()).read(EntraTenant.UTF16_ID);
    open(EntraTenant.FULL, EntraTenant.secret(), null, new ArrayList<>()).read(EntraTenant.UTF16_ID);
    assertEquals(before + 2, standIn.tokenRequests());
  }

  @Test
  void aCacheFileOthersMayReadIsRefused() throws Exception {
    Path cache = dir.resolve("open-tokens.json");
    Files.writeString(cache, "{}");
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-r--r--"));
    GraphException e = assertThrows(GraphException.class,
        () -> open(EntraTenant.FULL, EntraTenant.secret(), cache, new ArrayList<>()));
    assertEquals(GraphException.Kind.LOCAL_INPUT, e.kind());
    assertEquals("--token-cache " + cache + " may be read by others (rw-r--r--): chmod 600 it,"
        + " or delete it", e.getMessage());
  }

  @Test
  void delegatedWithAMetadataRoleGetsMetadataAndTheRoleItNeeds() throws Exception {
    List<String> prompts = new ArrayList<>();
    EntraDirectory entra = open(EntraTenant.PUBLIC, new EntraCredential.DeviceCode(), null,
        prompts);
    EntraDirectory.CredentialRead read = entra.read(EntraTenant.UTF16_ID);
    assertTrue(read.credentials().credentials().isEmpty());
    assertEquals("ENTRA-WS-01", read.credentials().deviceName());
    assertTrue(read.withheld().startsWith("reading passwords needs the delegated permission"
        + " DeviceLocalCredential.Read.All and the role Cloud Device Administrator or Intune"
        + " Service Administrator"), read.withheld());
    assertEquals(1, prompts.size());
  }
}
