package io.lapsbridge.console;

import static io.lapsbridge.console.ConsoleFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages over HTTP: the sign-in form with its double-submit token, the CSRF refusal of a
 * form post, and hostile content. A computer may write its own LAPS attributes, so a stored name
 * or password holding markup, quotes, control characters or 10,000 characters must come out
 * inert and intact in the page, the API and the audit log.
 */
class ConsolePagesIT {
  static final String HOSTILE_NAME = "<script>alert(\"n\")</script>'\u0007";
  static final String HOSTILE_PASSWORD =
      "<script>alert('pw')</script>\"&amp;\u0001\u001f" + "x".repeat(10_000);
  static ConsoleFixture fixture;
  static String dn;

  @BeforeAll
  static void start() throws Exception {
    String ou = ConsoleFixture.organizationalUnit("ConsolePagesIT");
    dn = ConsoleFixture.computer(ou, HOSTILE_NAME, "ms-Mcs-AdmPwd", HOSTILE_PASSWORD,
        "ms-Mcs-AdmPwdExpirationTime", ConsoleApiIT.EXPIRY);
    ConsoleFixture.computer(ou, "CPAGE-PLAIN", "ms-Mcs-AdmPwd", "Plain-Pw-4",
        "ms-Mcs-AdmPwdExpirationTime", ConsoleApiIT.EXPIRY);
    fixture = ConsoleFixture.start();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
        + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static HttpResponse<String> postForm(String path, String cookie,
      Map<String, String> fields) {
    HttpRequest.Builder b = HttpRequest.newBuilder(fixture.uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return fixture.send(b);
  }

  private static String loginCookie(HttpResponse<String> r) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(ConsoleServer.LOGIN_COOKIE + "="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
  }

  private static String field(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    assertTrue(m.find(), "no field " + name);
    return m.group(1);
  }

  @Test
  void signingInThroughTheFormNeedsItsToken() {
    HttpResponse<String> page = fixture.get("/login", null);
    String cookie = loginCookie(page);
    String token = field(page.body(), "login");
    HttpResponse<String> forged = postForm("/login", null, Map.of("user",
        ConsoleFixture.READER_DN, "password", "reader-secret", "login", token));
    assertEquals(403, forged.statusCode(), "without the cookie the token proves nothing");
    HttpResponse<String> wrong = postForm("/login", cookie, Map.of("user",
        ConsoleFixture.READER_DN, "password", "nope", "login", token));
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("sign-in failed: the directory refused this account"));
    HttpResponse<String> ok = postForm("/login", cookie, Map.of("user",
        ConsoleFixture.READER_DN, "password", "reader-secret", "login", token));
    assertEquals(302, ok.statusCode());
    assertEquals("/search", ok.headers().firstValue("Location").orElse(""));
    String session = ConsoleFixture.sessionCookie(ok);
    assertEquals(200, fixture.get("/search", session).statusCode());
    // One hit goes straight to the computer's page.
    HttpResponse<String> one = fixture.get("/search?q=CPAGE-PL", session);
    assertEquals(302, one.statusCode());
    assertTrue(one.headers().firstValue("Location").orElse("").startsWith("/computer?name=cn%3D"));
    // Signed out, pages send the browser to the sign-in form.
    assertEquals("/login", fixture.get("/search", null).headers().firstValue("Location")
        .orElse(""));
  }

  @Test
  void aFormPostWithoutTheCsrfTokenIsRefusedAndAudited() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    HttpResponse<String> r = postForm("/computer/reveal", reader.cookie(),
        Map.of("name", "CPAGE-PLAIN", "index", "0"));
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("the request lacks this session's CSRF token"),
        () -> r.body());
    assertFalse(r.body().contains("Plain-Pw-4"));
    HttpResponse<String> ok = postForm("/computer/reveal", reader.cookie(),
        Map.of("name", "CPAGE-PLAIN", "index", "0", "csrf", reader.csrf()));
    assertEquals(200, ok.statusCode());
    assertTrue(ok.body().contains("<code class=\"secret\" id=\"password-0\">Plain-Pw-4</code>"));
    assertEquals(403, postForm("/logout", reader.cookie(), Map.of()).statusCode());
  }

  @Test
  void hostileContentIsInertAndIntactInThePage() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    HttpResponse<String> page = fixture.get("/computer?name="
        + URLEncoder.encode(dn, StandardCharsets.UTF_8), reader.cookie());
    assertEquals(200, page.statusCode(), page.body());
    assertFalse(page.body().contains("<script>alert"), "markup is never markup");
    assertTrue(page.body().contains(
        "<h1 id=\"computer-name\">&lt;script&gt;alert(\"n\")&lt;/script&gt;'\u0007</h1>"),
        () -> page.body().substring(0, Math.min(3000, page.body().length())));
    assertFalse(page.body().contains("xxxxxxxxxx"), "no password before the reveal");
    HttpResponse<String> shown = postForm("/computer/reveal", reader.cookie(),
        Map.of("name", dn, "index", "0", "csrf", reader.csrf(), "reason", "<b>why</b>"));
    assertEquals(200, shown.statusCode(), shown.body());
    String body = shown.body();
    assertFalse(body.contains("<script>alert"));
    // Text content escapes what starts markup or an entity; quotes are plain text there.
    String escaped = "&lt;script&gt;alert('pw')&lt;/script&gt;\"&amp;amp;\u0001\u001f"
        + "x".repeat(10_000);
    assertTrue(body.contains("<code class=\"secret\" id=\"password-0\">" + escaped + "</code>"),
        "the whole password, escaped");
    assertTrue(body.contains("<li>U+0001 control character</li>"));
    assertFalse(body.contains("<b>why</b>"));
  }

  @Test
  void hostileContentIsIntactInTheApiAndTheAuditLog() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    HttpResponse<String> r = fixture.postJson("/api/v1/computer/reveal", reader.cookie(),
        reader.csrf(), ConsoleFixture.JSON.writeValueAsString(Map.of("name", dn,
            "reason", "line1\nline2\u0000")));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    JsonNode computer = json(r).get("computer");
    assertEquals(HOSTILE_NAME, computer.get("name").asText());
    assertEquals(HOSTILE_PASSWORD, computer.get("values").get(0).get("password").asText());
    assertFalse(r.body().contains("\u0001"), "control characters are escaped in JSON");
    String audit = fixture.auditText();
    assertFalse(audit.contains("xxxxxxxxxx"), "never a password in the audit");
    assertEquals(audit.lines().count(), fixture.auditRecords().size(), "one record a line");
    JsonNode record = fixture.auditRecords().stream()
        .filter(a -> HOSTILE_NAME.equals(a.get("computer").asText())
            && "reveal".equals(a.get("event").asText())
            && "line1\nline2\u0000".equals(a.get("reason").asText()))
        .findFirst().orElseThrow();
    assertEquals(dn, record.get("computerDn").asText());
  }
}
