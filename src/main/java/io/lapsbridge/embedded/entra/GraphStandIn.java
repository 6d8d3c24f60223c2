package io.lapsbridge.embedded.entra;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.lapsbridge.embedded.StandInCertificate;
import io.lapsbridge.embedded.StandInException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS stand-in for the identity platform's token endpoints and the Graph endpoints
 * lapsbridge uses; see the package comment. Everything it serves follows the documented shapes,
 * which {@code GraphStandInShapeTest} checks against Graph's own examples.
 */
public final class GraphStandIn implements AutoCloseable {
  /** How the single-device answer is shaped. */
  public enum SingleShape {
    /** As Graph's documentation shows it: {@code {"value": {...}}}. */
    WRAPPED,
    /** The object itself, as several community tools show it. */
    UNWRAPPED
  }

  /**
   * What to serve.
   *
   * @param tenant the tenant id in the authority's path
   * @param applications the registered applications
   * @param user the device-code user, or null
   * @param devices the devices
   * @param synthetic how many generated devices with one backup each follow them in the list
   * @param pageSize the largest page of a collection
   * @param intune whether the tenant has Intune
   */
  public record Config(String tenant, List<EntraFixture.Application> applications,
      EntraFixture.User user, List<EntraFixture.Device> devices, int synthetic, int pageSize,
      boolean intune) {
    public Config {
      applications = List.copyOf(applications);
      devices = List.copyOf(devices);
    }
  }

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final String ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private final Config config;
  private final HttpsServer server;
  private final ExecutorService executor;
  private final Path workDirectory;
  private final StandInCertificate certificate;
  private final Map<String, EntraFixture.Device> byId = new ConcurrentHashMap<>();
  private final List<EntraFixture.Device> ordered = new CopyOnWriteArrayList<>();
  private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> deviceCodes = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger graphRequests = new AtomicInteger();
  private final AtomicInteger throttle = new AtomicInteger();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> rotated = new CopyOnWriteArrayList<>();
  private volatile int retryAfterSeconds = 1;
  private volatile SingleShape shape = SingleShape.WRAPPED;

  /** Who a token speaks for. */
  private record Grant(boolean delegated, Set<String> permissions, Set<String> roles) {}

  private GraphStandIn(Config config, HttpsServer server, ExecutorService executor,
      Path workDirectory, StandInCertificate certificate) {
    this.config = config;
    this.server = server;
    this.executor = executor;
    this.workDirectory = workDirectory;
    this.certificate = certificate;
    for (EntraFixture.Device device : config.devices()) {
      byId.put(device.deviceId().toLowerCase(Locale.ROOT), device);
      ordered.add(device);
    }
  }

  /** Starts on 127.0.0.1 and a free port, with a new self-signed certificate. */
  public static GraphStandIn start(Config config) throws StandInException {
    Path work;
    try {
      work = Files.createTempDirectory("lapsbridge-graph-standin-");
    } catch (IOException e) {
      throw new StandInException("cannot create a work folder: " + e.getMessage(), e);
    }
    StandInCertificate certificate = StandInCertificate.create(work);
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "graph-standin");
      t.setDaemon(true);
      return t;
    });
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(certificate.keyStore())) {
        store.load(in, certificate.password().toCharArray());
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, certificate.password().toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      HttpsServer server = HttpsServer.create(
          new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 64);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      server.setExecutor(executor);
      GraphStandIn standIn = new GraphStandIn(config, server, executor, work, certificate);
      server.createContext("/", standIn::handle);
      server.start();
      return standIn;
    } catch (IOException | GeneralSecurityException e) {
      executor.shutdownNow();
      throw new StandInException("cannot start the Graph stand-in: " + e.getMessage(), e);
    }
  }

  /** Graph's base URL, for {@code --graph-url}. */
  public URI graphUrl() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The identity platform's host, for {@code --authority-url}; the same server. */
  public URI authorityUrl() {
    return graphUrl();
  }

  public String tenant() {
    return config.tenant();
  }

  /** The self-signed certificate as PEM, for {@code --graph-trust-store}. */
  public Path certificateFile() {
    return certificate.certificate();
  }

  /** The next {@code count} Graph requests answer 429 with {@code Retry-After: seconds}. */
  public void throttleNext(int count, int seconds) {
    retryAfterSeconds = seconds;
    throttle.set(count);
  }

  /** The single-device answer's shape from now on. */
  public void shape(SingleShape shape) {
    this.shape = shape;
  }

  /** How many token requests were answered (with a token or an error). */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** How many Graph requests arrived, throttled ones included. */
  public int graphRequests() {
    return graphRequests.get();
  }

  /** "METHOD path?query" of every request, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Every access and refresh token issued so far, for tests that check none leaks. */
  public List<String> issuedTokens() {
    return tokens.keySet().stream().map(t -> t.startsWith("refresh:") ? t.substring(8) : t)
        .toList();
  }

  /** Intune ids the rotation action was called for. */
  public List<String> rotated() {
    return List.copyOf(rotated);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try (var files = Files.walk(workDirectory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp folder; the OS cleans it.
    }
  }

  // ---- dispatch ----

  private static final Pattern TOKEN = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
  private static final Pattern DEVICE_CODE = Pattern.compile("/([^/]+)/oauth2/v2\\.0/devicecode");
  private static final Pattern OPENID =
      Pattern.compile("/([^/]+)/v2\\.0/\\.well-known/openid-configuration");
  private static final Pattern CREDENTIAL_LIST =
      Pattern.compile("/(?:v1\\.0|beta)(?:/directory)?/deviceLocalCredentials");
  private static final Pattern CREDENTIAL_ONE =
      Pattern.compile("/(?:v1\\.0|beta)(?:/directory)?/deviceLocalCredentials/([^/]+)");
  private static final Pattern DEVICES = Pattern.compile("/v1\\.0/devices");
  private static final Pattern MANAGED = Pattern.compile("/beta/deviceManagement/managedDevices");
  private static final Pattern ROTATE = Pattern.compile(
      "/beta/deviceManagement/managedDevices/([^/]+)/rotateLocalAdminPassword");

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getPath();
      String method = exchange.getRequestMethod();
      requests.add(method + " " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      Map<String, String> query = form(uri.getRawQuery());
      Matcher token = TOKEN.matcher(path);
      Matcher deviceCode = DEVICE_CODE.matcher(path);
      Matcher openid = OPENID.matcher(path);
      if (method.equals("POST") && token.matches()) {
        tokenRequests.incrementAndGet();
        token(exchange, token.group(1), form(body(exchange)));
      } else if (method.equals("POST") && deviceCode.matches()) {
        deviceCode(exchange, deviceCode.group(1), form(body(exchange)));
      } else if (method.equals("GET") && openid.matches()) {
        openid(exchange, openid.group(1));
      } else {
        graph(exchange, method, path, query);
      }
    } catch (RuntimeException e) {
      // A stand-in bug must show as a 500 the client reports, not a hung connection.
      error(exchange, 500, "InternalServerError", e.getClass().getSimpleName());
    }
  }

  private void graph(HttpExchange exchange, String method, String path, Map<String, String> query)
      throws IOException {
    graphRequests.incrementAndGet();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Grant grant = auth != null && auth.startsWith("Bearer ")
        ? tokens.get(auth.substring("Bearer ".length())) : null;
    if (grant == null) {
      error(exchange, 401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
      return;
    }
    if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
      error(exchange, 429, "TooManyRequests", "Too many requests; retry after "
          + retryAfterSeconds + " s.");
      return;
    }
    Matcher one = CREDENTIAL_ONE.matcher(path);
    Matcher rotate = ROTATE.matcher(path);
    if (method.equals("GET") && CREDENTIAL_LIST.matcher(path).matches()) {
      if (!metadataAllowed(grant)) {
        denied(exchange, grant);
        return;
      }
      credentialList(exchange, path, query);
    } else if (method.equals("GET") && one.matches()) {
      credential(exchange, grant, one.group(1), query);
    } else if (method.equals("GET") && DEVICES.matcher(path).matches()) {
      if (!grant.permissions().contains(EntraFixture.DEVICE_READ)) {
        error(exchange, 403, "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.");
        return;
      }
      devices(exchange, path, query);
    } else if (method.equals("GET") && MANAGED.matcher(path).matches()) {
      managed(exchange, grant, query);
    } else if (method.equals("POST") && rotate.matches()) {
      rotate(exchange, grant, rotate.group(1));
    } else {
      error(exchange, 400, "BadRequest", "Resource not found for the segment.");
    }
  }

  // ---- identity platform ----

  private void openid(HttpExchange exchange, String tenant) throws IOException {
    String base = authorityUrl() + "/" + tenant;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token_endpoint", base + "/oauth2/v2.0/token");
    body.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
    body.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
    body.put("issuer", authorityUrl() + "/" + tenant + "/v2.0");
    json(exchange, 200, body);
  }

  private void token(HttpExchange exchange, String tenant, Map<String, String> form)
      throws IOException {
    if (!tenant.equals(config.tenant())) {
      oauthError(exchange, 400, "invalid_request", "AADSTS90002: Tenant '" + tenant
          + "' not found.");
      return;
    }
    String grantType = form.getOrDefault("grant_type", "");
    switch (grantType) {
      case "client_credentials" -> clientCredentials(exchange, form);
      // Entra takes the RFC 8628 name and the short one MSAL sends.
      case DEVICE_CODE_GRANT, "device_code" -> deviceCodeToken(exchange, form);
      case "refresh_token" -> refresh(exchange, form);
      default -> oauthError(exchange, 400, "unsupported_grant_type",
          "AADSTS70003: The app requested an unsupported grant type '" + grantType + "'.");
    }
  }

  private void clientCredentials(HttpExchange exchange, Map<String, String> form)
      throws IOException {
    String clientId = form.getOrDefault("client_id", "");
    EntraFixture.Application app = config.applications().stream()
        .filter(a -> a.clientId().equals(clientId)).findFirst().orElse(null);
    if (app == null) {
      oauthError(exchange, 400, "unauthorized_client", "AADSTS700016: Application with"
          + " identifier '" + clientId + "' was not found in the directory.");
      return;
    }
    String secret = form.get("client_secret");
    String assertion = form.get("client_assertion");
    boolean ok;
    if (secret != null) {
      ok = app.secret() != null && java.security.MessageDigest.isEqual(
          app.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
      if (!ok) {
        oauthError(exchange, 401, "invalid_client",
            "AADSTS7000215: Invalid client secret provided.");
        return;
      }
    } else if (assertion != null && ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
      String problem = app.certificate() == null ? "no certificate is registered"
          : ClientAssertion.check(assertion, app.certificate(), clientId,
              authorityUrl() + "/" + config.tenant() + "/oauth2/v2.0/token");
      if (problem != null) {
        oauthError(exchange, 401, "invalid_client",
            "AADSTS700027: Client assertion failed signature validation: " + problem);
        return;
      }
    } else {
      oauthError(exchange, 401, "invalid_client", "AADSTS7000218: The request body must contain"
          + " the following parameter: 'client_assertion' or 'client_secret'.");
      return;
    }
    issue(exchange, new Grant(false, app.permissions(), Set.of()), false);
  }

  private void deviceCode(HttpExchange exchange, String tenant, Map<String, String> form)
      throws IOException {
    EntraFixture.User user = config.user();
    if (user == null || !tenant.equals(config.tenant())
        || !user.clientId().equals(form.get("client_id"))) {
      oauthError(exchange, 400, "unauthorized_client",
          "AADSTS700016: Application not found or not a public client.");
      return;
    }
    String code = randomToken();
    deviceCodes.put(code, new AtomicInteger());
    String userCode = "STAND-IN" + (deviceCodes.size() % 10);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user_code", userCode);
    body.put("device_code", code);
    body.put("verification_uri", "https://microsoft.com/devicelogin");
    body.put("expires_in", 900);
    body.put("interval", 1);
    body.put("message", "To sign in, use a web browser to open the page"
        + " https://microsoft.com/devicelogin and enter the code " + userCode
        + " to authenticate. (Stand-in: signed in as " + user.userName() + " automatically.)");
    json(exchange, 200, body);
  }

  private void deviceCodeToken(HttpExchange exchange, Map<String, String> form)
      throws IOException {
    AtomicInteger polls = deviceCodes.get(form.getOrDefault("device_code", ""));
    if (polls == null) {
      oauthError(exchange, 400, "expired_token", "AADSTS70019: Verification code expired.");
      return;
    }
    // The first poll finds the user still typing the code, as a real sign-in would.
    if (polls.getAndIncrement() == 0) {
      oauthError(exchange, 400, "authorization_pending",
          "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.");
      return;
    }
    deviceCodes.remove(form.get("device_code"));
    EntraFixture.User user = config.user();
    issue(exchange, new Grant(true, user.scopes(), user.roles()), true);
  }

  private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
    Grant grant = tokens.get("refresh:" + form.getOrDefault("refresh_token", ""));
    if (grant == null) {
      oauthError(exchange, 400, "invalid_grant", "AADSTS70000: The refresh token is invalid.");
      return;
    }
    issue(exchange, grant, true);
  }

  private void issue(HttpExchange exchange, Grant grant, boolean user) throws IOException {
    String token = randomToken();
    tokens.put(token, grant);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token_type", "Bearer");
    body.put("expires_in", 3599);
    body.put("ext_expires_in", 3599);
    body.put("access_token", token);
    if (!user) {
      body.put("scope", "https://graph.microsoft.com/.default");
    }
    if (user) {
      String refresh = randomToken();
      tokens.put("refresh:" + refresh, grant);
      EntraFixture.User who = config.user();
      String uid = UUID.nameUUIDFromBytes(who.userName().getBytes(StandardCharsets.UTF_8))
          .toString();
      String tid = UUID.nameUUIDFromBytes(config.tenant().getBytes(StandardCharsets.UTF_8))
          .toString();
      body.put("scope", "https://graph.microsoft.com/.default openid profile offline_access");
      body.put("refresh_token", refresh);
      body.put("id_token", unsignedJwt(Map.of("aud", who.clientId(),
          "iss", authorityUrl() + "/" + tid + "/v2.0", "tid", tid, "oid", uid,
          "preferred_username", who.userName(), "name", who.userName(),
          "iat", Instant.now().getEpochSecond(), "exp", Instant.now().getEpochSecond() + 3600)));
      body.put("client_info", Base64.getUrlEncoder().withoutPadding().encodeToString(
          ("{\"uid\":\"" + uid + "\",\"utid\":\"" + tid + "\"}").getBytes(StandardCharsets.UTF_8)));
    }
    json(exchange, 200, body);
  }

  private static String unsignedJwt(Map<String, Object> claims) {
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        for (Map.Entry<String, Object> claim : claims.entrySet()) {
          g.writeFieldName(claim.getKey());
          if (claim.getValue() instanceof Long n) {
            g.writeNumber(n);
          } else {
            g.writeString(String.valueOf(claim.getValue()));
          }
        }
        g.writeEndObject();
      }
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
          + "." + b64.encodeToString(out.toByteArray()) + ".";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  // ---- Graph ----

  private static boolean metadataAllowed(Grant grant) {
    boolean permitted = grant.permissions().contains(EntraFixture.READ)
        || grant.permissions().contains(EntraFixture.READ_BASIC);
    if (!grant.delegated()) {
      return permitted;
    }
    return permitted && (grant.roles().stream().anyMatch(EntraFixture.PASSWORD_ROLES::contains)
        || grant.roles().stream().anyMatch(EntraFixture.METADATA_ROLES::contains));
  }

  private static boolean passwordsAllowed(Grant grant) {
    boolean permitted = grant.permissions().contains(EntraFixture.READ);
    return grant.delegated()
        ? permitted && grant.roles().stream().anyMatch(EntraFixture.PASSWORD_ROLES::contains)
        : permitted;
  }

  private void denied(HttpExchange exchange, Grant grant) throws IOException {
    error(exchange, 403, "Authorization_RequestDenied", grant.delegated()
        && grant.permissions().contains(EntraFixture.READ_BASIC)
        ? "The signed-in user does not hold a role that allows this operation."
        : "Insufficient privileges to complete the operation.");
  }

  private void credential(HttpExchange exchange, Grant grant, String id, Map<String, String> query)
      throws IOException {
    EntraFixture.Device device = byId.get(id.toLowerCase(Locale.ROOT));
    if (!metadataAllowed(grant)) {
      denied(exchange, grant);
      return;
    }
    if (device == null || device.credentials().isEmpty()) {
      error(exchange, 404, "Request_ResourceNotFound", "Resource '" + id
          + "' does not exist or one of its queried reference-property objects are not present.");
      return;
    }
    boolean withCredentials = query.getOrDefault("$select", "").contains("credentials");
    if (withCredentials && !passwordsAllowed(grant)) {
      denied(exchange, grant);
      return;
    }
    stream(exchange, 200, g -> {
      g.writeStartObject();
      if (shape == SingleShape.WRAPPED) {
        g.writeStringField("@odata.context", graphUrl()
            + "/v1.0/$metadata#directory/deviceLocalCredentials/$entity");
        g.writeFieldName("value");
        g.writeStartObject();
      } else {
        g.writeStringField("@odata.context", graphUrl()
            + "/v1.0/$metadata#directory/deviceLocalCredentials/$entity");
      }
      g.writeStringField("@odata.type", "#microsoft.graph.deviceLocalCredentialInfo");
      info(g, device.deviceId(), device.name(), device.lastBackup(), device.refresh());
      if (withCredentials) {
        g.writeArrayFieldStart("credentials");
        for (EntraFixture.Credential c : device.credentials()) {
          g.writeStartObject();
          g.writeStringField("accountName", c.accountName());
          g.writeStringField("accountSid", c.accountSid());
          g.writeStringField("backupDateTime", graphTime(c.backupTime()));
          g.writeStringField("passwordBase64", Base64.getEncoder().encodeToString(
              c.password().getBytes(c.encoding() == EntraFixture.Encoding.UTF_16LE
                  ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8)));
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (shape == SingleShape.WRAPPED) {
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  private static void info(JsonGenerator g, String id, String name, Instant lastBackup,
      Instant refresh) throws IOException {
    g.writeStringField("id", id);
    g.writeStringField("deviceName", name);
    g.writeStringField("lastBackupDateTime", graphTime(lastBackup));
    g.writeStringField("refreshDateTime", graphTime(refresh));
  }

  /** Graph writes seven fractional digits and Z. */
  static String graphTime(Instant time) {
    if (time == null) {
      return null;
    }
    java.time.OffsetDateTime t = time.atOffset(java.time.ZoneOffset.UTC);
    return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d.%07dZ", t.getYear(),
        t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
        t.getNano() / 100);
  }

  private static final Pattern NAME_FILTER = Pattern.compile("deviceName eq '((?:[^']|'')*)'");

  private void credentialList(HttpExchange exchange, String path, Map<String, String> query)
      throws IOException {
    String filter = query.get("$filter");
    if (filter != null) {
      Matcher m = NAME_FILTER.matcher(filter);
      if (!m.matches()) {
        error(exchange, 400, "BadRequest", "Unsupported filter.");
        return;
      }
      String name = m.group(1).replace("''", "'");
      List<EntraFixture.Device> matches = new ArrayList<>();
      for (EntraFixture.Device d : ordered) {
        if (d.name().equalsIgnoreCase(name) && !d.credentials().isEmpty()) {
          matches.add(d);
        }
      }
      if (config.synthetic() > 0 && name.toUpperCase(Locale.ROOT).startsWith("SYN-")) {
        try {
          int i = Integer.parseInt(name.substring(4));
          if (i < config.synthetic()) {
            matches.add(synthetic(i));
          }
        } catch (NumberFormatException notSynthetic) {
          // No generated device has this name.
        }
      }
      stream(exchange, 200, g -> {
        g.writeStartObject();
        g.writeArrayFieldStart("value");
        for (EntraFixture.Device d : matches) {
          g.writeStartObject();
          info(g, d.deviceId(), d.name(), d.lastBackup(), d.refresh());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      });
      return;
    }
    List<EntraFixture.Device> backedUp = ordered.stream()
        .filter(d -> !d.credentials().isEmpty()).toList();
    long total = backedUp.size() + (long) config.synthetic();
    page(exchange, path, query, total, (g, index) -> {
      EntraFixture.Device d = index < backedUp.size() ? backedUp.get((int) index)
          : synthetic((int) (index - backedUp.size()));
      g.writeStartObject();
      info(g, d.deviceId(), d.name(), d.lastBackup(), d.refresh());
      g.writeEndObject();
    });
  }

  private static final Instant SYNTHETIC_EPOCH = Instant.parse("2026-11-01T00:00:00Z");

  /** The generated device {@code i}: deterministic, so every page is the same each time. */
  private static EntraFixture.Device synthetic(int i) {
    String id = UUID.nameUUIDFromBytes(("synthetic-" + i).getBytes(StandardCharsets.UTF_8))
        .toString();
    Instant backup = SYNTHETIC_EPOCH.plusSeconds(i * 17L % (30 * 86400L));
    return new EntraFixture.Device(id, id, String.format(Locale.ROOT, "SYN-%06d", i), null,
        "AzureAd", null, backup.plusSeconds(30 * 86400L), List.of(new EntraFixture.Credential(
            "Administrator", "S-1-5-21-1-2-3-500", backup, "x", EntraFixture.Encoding.UTF_16LE)));
  }

  private void devices(HttpExchange exchange, String path, Map<String, String> query)
      throws IOException {
    page(exchange, path, query, ordered.size(), (g, index) -> {
      EntraFixture.Device d = ordered.get((int) index);
      g.writeStartObject();
      g.writeStringField("id", d.objectId());
      g.writeStringField("deviceId", d.deviceId());
      g.writeStringField("displayName", d.name());
      g.writeStringField("onPremisesSecurityIdentifier", d.onPremisesSid());
      g.writeStringField("trustType", d.trustType());
      g.writeEndObject();
    });
  }

  private static final Pattern AZURE_AD_FILTER = Pattern.compile("azureADDeviceId eq '([^']*)'");

  private void managed(HttpExchange exchange, Grant grant, Map<String, String> query)
      throws IOException {
    if (!config.intune()) {
      error(exchange, 400, "BadRequest", "Request not applicable to target tenant.");
      return;
    }
    if (!grant.permissions().contains(EntraFixture.MANAGED_READ)
        && !grant.permissions().contains(EntraFixture.ROTATE)) {
      error(exchange, 403, "Forbidden", "Application is not authorized to perform this operation.");
      return;
    }
    Matcher m = AZURE_AD_FILTER.matcher(query.getOrDefault("$filter", ""));
    if (!m.matches()) {
      error(exchange, 400, "BadRequest", "Unsupported filter.");
      return;
    }
    EntraFixture.Device device = byId.get(m.group(1).toLowerCase(Locale.ROOT));
    stream(exchange, 200, g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("value");
      if (device != null && device.managedDeviceId() != null) {
        g.writeStartObject();
        g.writeStringField("id", device.managedDeviceId());
        g.writeStringField("deviceName", device.name());
        g.writeStringField("azureADDeviceId", device.deviceId());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  private void rotate(HttpExchange exchange, Grant grant, String managedId) throws IOException {
    if (!config.intune()) {
      error(exchange, 400, "BadRequest", "Request not applicable to target tenant.");
      return;
    }
    if (!grant.permissions().contains(EntraFixture.ROTATE)) {
      error(exchange, 403, "Forbidden", "Application is not authorized to perform this operation.");
      return;
    }
    boolean known = ordered.stream().anyMatch(d -> managedId.equals(d.managedDeviceId()));
    if (!known) {
      error(exchange, 404, "ResourceNotFound", "Managed device not found.");
      return;
    }
    rotated.add(managedId);
    exchange.sendResponseHeaders(204, -1);
  }

  // ---- paging and writing ----

  private interface ItemWriter {
    void write(JsonGenerator g, long index) throws IOException;
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  /** One page: {@code $top} items (at most the configured page) from {@code $skiptoken}. */
  private void page(HttpExchange exchange, String path, Map<String, String> query, long total,
      ItemWriter item) throws IOException {
    long from;
    int top;
    try {
      from = Long.parseLong(query.getOrDefault("$skiptoken", "0"));
      top = Integer.parseInt(query.getOrDefault("$top", Integer.toString(config.pageSize())));
    } catch (NumberFormatException e) {
      error(exchange, 400, "BadRequest", "Invalid $skiptoken or $top.");
      return;
    }
    int size = Math.max(1, Math.min(top, config.pageSize()));
    long end = Math.min(total, from + size);
    String select = query.get("$select");
    stream(exchange, 200, g -> {
      g.writeStartObject();
      g.writeStringField("@odata.context", graphUrl() + "/v1.0/$metadata#" + path);
      g.writeArrayFieldStart("value");
      for (long i = from; i < end; i++) {
        item.write(g, i);
      }
      g.writeEndArray();
      if (end < total) {
        g.writeStringField("@odata.nextLink", graphUrl() + path + "?"
            + (select == null ? "" : "$select=" + encode(select) + "&") + "$top=" + size
            + "&$skiptoken=" + end);
      }
      g.writeEndObject();
    });
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void stream(HttpExchange exchange, int status, Body body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, 0);
    try (OutputStream out = exchange.getResponseBody();
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    }
  }

  private static void json(HttpExchange exchange, int status, Map<String, Object> fields)
      throws IOException {
    stream(exchange, status, g -> {
      g.writeStartObject();
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        g.writeFieldName(field.getKey());
        if (field.getValue() instanceof Integer n) {
          g.writeNumber(n);
        } else {
          g.writeString(String.valueOf(field.getValue()));
        }
      }
      g.writeEndObject();
    });
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    stream(exchange, status, g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("code", code);
      g.writeStringField("message", message);
      g.writeObjectFieldStart("innerError");
      g.writeStringField("date", Instant.now().toString());
      g.writeStringField("request-id", UUID.randomUUID().toString());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /** The identity platform's error shape. */
  private static void oauthError(HttpExchange exchange, int status, String error,
      String description) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    body.put("timestamp", Instant.now().toString());
    body.put("trace_id", UUID.randomUUID().toString());
    body.put("correlation_id", UUID.randomUUID().toString());
    json(exchange, status, body);
  }

  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }
  }

  private static final Pattern AMPERSAND = Pattern.compile("&");

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : AMPERSAND.splitAsStream(encoded).toList()) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.put(key, value);
    }
    return values;
  }

  @Override
  public String toString() {
    return "GraphStandIn[" + graphUrl() + "]";
  }
}
