package io.lapsbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import io.lapsbridge.cli.SharedStandIn;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.usecase.KeySources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A console over the shared stand-in, for the console's ITs: its own OU of computers, a
 * self-signed certificate that the test's HTTP client trusts, and an audit file to read back.
 */
final class ConsoleFixture implements AutoCloseable {
  static final String READER_DN = "cn=Helen Desk,ou=People,dc=example,dc=com";
  static final String READER_PASSWORD = "reader-secret";
  static final String USER_DN = "cn=Ursula User,ou=People,dc=example,dc=com";
  static final String USER_PASSWORD = "user-secret";
  static final ObjectMapper JSON = new ObjectMapper();

  final Console console;
  final Path auditFile;
  final HttpClient http;
  final TlsIdentity tls;
  private final Path folder;

  private ConsoleFixture(Console console, Path auditFile, HttpClient http, TlsIdentity tls,
      Path folder) {
    this.console = console;
    this.auditFile = auditFile;
    this.http = http;
    this.tls = tls;
    this.folder = folder;
  }

  /** Settings for a console over the shared stand-in; tests change what they need. */
  static ConsoleSettings settings(TlsIdentity tls, Duration idle, int revealsPerMinute,
      Optional<Duration> expireAfterUse, boolean requireReason) {
    StandInDirectory server = SharedStandIn.get();
    ConnectionSettings directory = new ConnectionSettings("127.0.0.1", server.port(),
        TransportSecurity.START_TLS, null, null, server.certificateFile(), null, null);
    return new ConsoleSettings("127.0.0.1", 0, tls, directory, KeySources.Online.OFF, idle,
        Duration.ofHours(8), revealsPerMinute, expireAfterUse, requireReason, Optional.empty());
  }

  static ConsoleFixture start() throws Exception {
    return start(Duration.ofMinutes(15), 1000, Optional.empty(), false);
  }

  static ConsoleFixture start(Duration idle, int revealsPerMinute,
      Optional<Duration> expireAfterUse, boolean requireReason) throws Exception {
    TlsIdentity tls = TlsIdentity.selfSigned(List.of("localhost", "127.0.0.1"));
    Path folder = Files.createTempDirectory("lapsbridge-console-it-");
    Path audit = folder.resolve("audit.jsonl");
    Console console = Console.start(settings(tls, idle, revealsPerMinute, expireAfterUse,
        requireReason), audit, List.of(), Clock.systemUTC(), p -> { });
    return new ConsoleFixture(console, audit, client(tls), tls, folder);
  }

  /** An HTTP client that trusts the console's certificate and no other. */
  static HttpClient client(TlsIdentity tls) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("console", tls.keyStore().getCertificate(TlsIdentity.ALIAS));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + console.port() + path);
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return send(b);
  }

  HttpResponse<String> postJson(String path, String cookie, String csrf, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (csrf != null) {
      b.header("X-CSRF-Token", csrf);
    }
    return send(b);
  }

  /** A signed-in API client: its session cookie and CSRF token. */
  record ApiSession(String cookie, String csrf) {}

  ApiSession signIn(String user, String password) throws Exception {
    HttpResponse<String> r = postJson("/api/v1/session", null, null,
        JSON.writeValueAsString(Map.of("user", user, "password", password)));
    if (r.statusCode() != 201) {
      throw new AssertionError("sign-in as " + user + ": " + r.statusCode() + " " + r.body());
    }
    return new ApiSession(sessionCookie(r), JSON.readTree(r.body()).get("csrfToken").asText());
  }

  static String sessionCookie(HttpResponse<?> r) {
    for (String header : r.headers().allValues("Set-Cookie")) {
      if (header.startsWith(ConsoleServer.SESSION_COOKIE + "=")) {
        return header.substring(0, header.indexOf(';'));
      }
    }
    throw new AssertionError("no session cookie in " + r.headers().map());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  /** The audit file's records, parsed. */
  List<JsonNode> auditRecords() throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(auditFile, StandardCharsets.UTF_8)) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  String auditText() throws IOException {
    return Files.readString(auditFile, StandardCharsets.UTF_8);
  }

  /** A fresh OU for one test class. */
  static String organizationalUnit(String name) throws LDAPException {
    String dn = "ou=" + name + ",dc=example,dc=com";
    try (LDAPConnection admin = SharedStandIn.admin()) {
      admin.add(new Entry(dn, new Attribute("objectClass", "top", "organizationalUnit"),
          new Attribute("ou", name)));
    }
    return dn;
  }

  /** Adds a computer named {@code name} (escaped into its DN) with LAPS attribute pairs. */
  static String computer(String ou, String name, String... pairs) throws LDAPException {
    String dn = new DN(new RDN("cn", name), new DN(ou)).toString();
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("objectClass", "top", "user", "computer"));
    attributes.add(new Attribute("cn", name));
    attributes.add(new Attribute("sAMAccountName", name + "$"));
    attributes.add(new Attribute("dNSHostName", name.toLowerCase(Locale.ROOT) + ".example.com"));
    for (int i = 0; i < pairs.length; i += 2) {
      attributes.add(new Attribute(pairs[i], pairs[i + 1]));
    }
    try (LDAPConnection admin = SharedStandIn.admin()) {
      admin.add(new Entry(dn, attributes));
    }
    return dn;
  }

  @Override
  public void close() throws IOException {
    console.close();
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
