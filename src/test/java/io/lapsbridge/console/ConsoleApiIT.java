package io.lapsbridge.console;

import static io.lapsbridge.console.ConsoleFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lapsbridge.model.FileTime;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the JSON API against the stand-in: sign-in, suggestions, a computer, reveal,
 * expire, estate and sign-out, each with missing authentication, a missing CSRF token, bad input
 * and the wrong method; and the audit record each leaves.
 */
class ConsoleApiIT {
  static final String PASSWORD = "Api-Legacy-Pw-1";
  // 2036-01-01, far after any run of this test.
  static final String EXPIRY = Long.toString(FileTime.of(Instant.parse("2036-01-01T00:00:00Z")).ticks());
  static final String PAST = Long.toString(FileTime.of(Instant.parse("2020-01-01T00:00:00Z")).ticks());
  static ConsoleFixture fixture;
  static String ou;

  @BeforeAll
  static void start() throws Exception {
    ou = ConsoleFixture.organizationalUnit("ConsoleApiIT");
    ConsoleFixture.computer(ou, "CAPI-LEGACY", "ms-Mcs-AdmPwd", PASSWORD,
        "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    ConsoleFixture.computer(ou, "CAPI-OLD", "ms-Mcs-AdmPwd", "Old-Pw-2",
        "ms-Mcs-AdmPwdExpirationTime", PAST);
    ConsoleFixture.computer(ou, "CAPI-NONE");
    fixture = ConsoleFixture.start();
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  private static String lookup(String name) {
    return "/api/v1/computer?name=" + java.net.URLEncoder.encode(name,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    HttpResponse<String> r = fixture.get("/login", null);
    assertEquals(200, r.statusCode());
    assertEquals(ConsoleServer.CSP, r.headers().firstValue("Content-Security-Policy").orElse(""));
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(r.headers().firstValue("Strict-Transport-Security").isPresent());
    assertFalse(r.body().contains("<script>"), "no inline script");
    HttpResponse<String> api = fixture.get("/api/v1/estate", null);
    assertEquals(ConsoleServer.CSP, api.headers().firstValue("Content-Security-Policy").orElse(""));
  }

  @Test
  void everyEndpointWantsASession() throws Exception {
    for (String path : List.of("/api/v1/computers?prefix=CAPI", lookup("CAPI-LEGACY"),
        "/api/v1/estate")) {
      HttpResponse<String> r = fixture.get(path, null);
      assertEquals(401, r.statusCode(), path);
      assertEquals("sign in first: POST /api/v1/session", json(r).get("error").asText());
    }
    for (String path : List.of("/api/v1/computer/reveal", "/api/v1/computer/expire")) {
      assertEquals(401, fixture.postJson(path, null, null, "{\"name\":\"CAPI-LEGACY\"}")
          .statusCode(), path);
    }
    assertEquals(401, fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/session"))
        .DELETE()).statusCode());
    // A made-up cookie is no session either.
    assertEquals(401, fixture.get("/api/v1/estate",
        ConsoleServer.SESSION_COOKIE + "=forged").statusCode());
  }

  @Test
  void signInRefusesBadInputAndWrongPasswordsAndAuditsThem() throws Exception {
    HttpResponse<String> form = fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/session"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("user=x&password=y")));
    assertEquals(415, form.statusCode());
    assertEquals(400, fixture.postJson("/api/v1/session", null, null, "{not json").statusCode());
    assertEquals(400, fixture.postJson("/api/v1/session", null, null, "[1]").statusCode());
    assertEquals(400, fixture.postJson("/api/v1/session", null, null,
        "{\"user\":5,\"password\":\"x\"}").statusCode());
    assertEquals(400, fixture.postJson("/api/v1/session", null, null,
        "{\"user\":\"" + ConsoleFixture.READER_DN + "\"}").statusCode());
    HttpResponse<String> wrong = fixture.postJson("/api/v1/session", null, null,
        "{\"user\":\"" + ConsoleFixture.READER_DN + "\",\"password\":\"Wrong-Guess-77\"}");
    assertEquals(401, wrong.statusCode());
    assertEquals("sign-in failed: the directory refused this account and password",
        json(wrong).get("error").asText());
    assertFalse(fixture.auditText().contains("Wrong-Guess-77"), "no password in the audit");
    JsonNode refused = fixture.auditRecords().stream()
        .filter(a -> a.get("event").asText().equals("sign-in")
            && a.get("outcome").asText().equals("refused")
            && ConsoleFixture.READER_DN.equals(a.get("actorDn").asText()))
        .findFirst().orElseThrow();
    assertEquals("127.0.0.1", refused.get("address").asText());
  }

  @Test
  void sessionCookieIsSecureHttpOnlyAndStrict() throws Exception {
    HttpResponse<String> r = fixture.postJson("/api/v1/session", null, null,
        "{\"user\":\"" + ConsoleFixture.READER_DN + "\",\"password\":\"reader-secret\"}");
    assertEquals(201, r.statusCode());
    String cookie = r.headers().allValues("Set-Cookie").get(0);
    assertTrue(cookie.startsWith("__Host-lapsbridge-session="), cookie);
    assertTrue(cookie.contains("; Secure") && cookie.contains("; HttpOnly")
        && cookie.contains("; SameSite=Strict") && cookie.contains("; Path=/"), cookie);
    JsonNode body = json(r);
    assertEquals(ConsoleFixture.READER_DN, body.get("user").asText());
    assertEquals(43, body.get("csrfToken").asText().length());
  }

  @Test
  void suggestionsStartWithWhatWasTyped() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    HttpResponse<String> r = fixture.get("/api/v1/computers?prefix=capi-", reader.cookie());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode hits = json(r);
    assertEquals(List.of("CAPI-LEGACY", "CAPI-NONE", "CAPI-OLD"),
        List.of(hits.get(0).get("name").asText(), hits.get(1).get("name").asText(),
            hits.get(2).get("name").asText()));
    assertEquals(3, hits.size());
    // Filter characters are plain text, not wildcards.
    assertEquals("[]", fixture.get("/api/v1/computers?prefix=*", reader.cookie()).body());
    assertEquals(400, fixture.get("/api/v1/computers", reader.cookie()).statusCode());
    assertEquals(400, fixture.get("/api/v1/computers?prefix=" + "x".repeat(2000),
        reader.cookie()).statusCode());
    assertEquals(405, fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/computers"))
        .header("Cookie", reader.cookie()).DELETE()).statusCode());
  }

  @Test
  void aComputerShowsItsValuesButNoPassword() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    HttpResponse<String> r = fixture.get(lookup("capi-legacy.example.com"), reader.cookie());
    assertEquals(200, r.statusCode(), r.body());
    assertFalse(r.body().contains(PASSWORD));
    JsonNode computer = json(r);
    assertEquals("CAPI-LEGACY", computer.get("name").asText());
    JsonNode value = computer.get("values").get(0);
    assertEquals("LegacyLapsCleartextPassword", value.get("source").asText());
    assertTrue(value.get("password").isNull());
    assertEquals(404, fixture.get(lookup("CAPI-MISSING"), reader.cookie()).statusCode());
    assertEquals(400, fixture.get("/api/v1/computer", reader.cookie()).statusCode());
    JsonNode none = json(fixture.get(lookup("CAPI-NONE"), reader.cookie()));
    assertEquals(ComputerLookup.NO_PASSWORD, none.get("whyNone").asText());
  }

  @Test
  void revealNeedsTheCsrfTokenAndIsAudited() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    String body = "{\"name\":\"CAPI-LEGACY\",\"index\":0,\"reason\":\"ticket 4711\"}";
    HttpResponse<String> noToken = fixture.postJson("/api/v1/computer/reveal", reader.cookie(),
        null, body);
    assertEquals(403, noToken.statusCode());
    assertFalse(noToken.body().contains(PASSWORD));
    assertEquals(403, fixture.postJson("/api/v1/computer/reveal", reader.cookie(),
        "wrong-token", body).statusCode());
    HttpResponse<String> r = fixture.postJson("/api/v1/computer/reveal", reader.cookie(),
        reader.csrf(), body);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode value = json(r).get("computer").get("values").get(0);
    assertEquals(PASSWORD, value.get("password").asText());
    assertEquals(PASSWORD.length(), value.get("spelled").size());
    assertFalse(fixture.auditText().contains(PASSWORD), "no password in the audit");
    JsonNode audited = fixture.auditRecords().stream()
        .filter(a -> a.get("event").asText().equals("reveal")
            && a.get("outcome").asText().equals("success")
            && "ticket 4711".equals(a.get("reason").asText()))
        .findFirst().orElseThrow();
    assertEquals(ConsoleFixture.READER_DN, audited.get("actorDn").asText());
    assertEquals("CAPI-LEGACY", audited.get("computer").asText());
    assertEquals("cn=CAPI-LEGACY," + ou, audited.get("computerDn").asText());
    assertEquals("LegacyLapsCleartextPassword", audited.get("value").asText());
    assertTrue(fixture.auditRecords().stream().anyMatch(a -> a.get("event").asText()
        .equals("reveal") && a.get("outcome").asText().equals("refused")
        && a.get("detail").asText().startsWith("missing or wrong CSRF token")));
    // Bad input and methods.
    assertEquals(400, fixture.postJson("/api/v1/computer/reveal", reader.cookie(), reader.csrf(),
        "{\"name\":\"CAPI-LEGACY\",\"index\":\"one\"}").statusCode());
    assertEquals(400, fixture.postJson("/api/v1/computer/reveal", reader.cookie(), reader.csrf(),
        "{\"name\":\"CAPI-LEGACY\",\"index\":7}").statusCode());
    assertEquals(400, fixture.postJson("/api/v1/computer/reveal", reader.cookie(), reader.csrf(),
        "{}").statusCode());
    assertEquals(405, fixture.get("/api/v1/computer/reveal", reader.cookie()).statusCode());
  }

  @Test
  void anOrdinaryUserIsNotAuthorizedAndNeverSeesAnEmptyPassword() throws Exception {
    ConsoleFixture.ApiSession user = fixture.signIn(ConsoleFixture.USER_DN, "user-secret");
    JsonNode computer = json(fixture.get(lookup("CAPI-LEGACY"), user.cookie()));
    assertEquals(ComputerLookup.NOT_AUTHORIZED, computer.get("whyNone").asText());
    assertEquals(0, computer.get("values").size());
    HttpResponse<String> r = fixture.postJson("/api/v1/computer/reveal", user.cookie(),
        user.csrf(), "{\"name\":\"CAPI-LEGACY\"}");
    assertEquals(403, r.statusCode());
    assertEquals(ComputerLookup.NOT_AUTHORIZED, json(r).get("error").asText());
    assertTrue(fixture.auditRecords().stream().anyMatch(a -> a.get("event").asText()
        .equals("reveal") && a.get("outcome").asText().equals("refused")
        && ConsoleFixture.USER_DN.equals(a.get("actorDn").asText())));
  }

  @Test
  void expiringNeedsTheRightToWriteTheExpiry() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    HttpResponse<String> r = fixture.postJson("/api/v1/computer/expire", reader.cookie(),
        reader.csrf(), "{\"name\":\"CAPI-OLD\",\"at\":\"2031-01-02T03:04:05Z\"}");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("2031-01-02T03:04:05Z", json(fixture.get(lookup("CAPI-OLD"), reader.cookie()))
        .get("legacyExpiration").asText());
    assertEquals(400, fixture.postJson("/api/v1/computer/expire", reader.cookie(), reader.csrf(),
        "{\"name\":\"CAPI-OLD\",\"at\":\"tomorrow\"}").statusCode());
    assertEquals(409, fixture.postJson("/api/v1/computer/expire", reader.cookie(), reader.csrf(),
        "{\"name\":\"CAPI-NONE\"}").statusCode());
    assertEquals(403, fixture.postJson("/api/v1/computer/expire", reader.cookie(), null,
        "{\"name\":\"CAPI-OLD\"}").statusCode());
    ConsoleFixture.ApiSession user = fixture.signIn(ConsoleFixture.USER_DN, "user-secret");
    HttpResponse<String> denied = fixture.postJson("/api/v1/computer/expire", user.cookie(),
        user.csrf(), "{\"name\":\"CAPI-OLD\"}");
    assertEquals(403, denied.statusCode(), denied.body());
    assertFalse(json(denied).get("moved").asBoolean());
    assertTrue(fixture.auditRecords().stream().anyMatch(a -> a.get("event").asText()
        .equals("reset") && a.get("outcome").asText().equals("refused")
        && ConsoleFixture.USER_DN.equals(a.get("actorDn").asText())
        && a.get("detail").asText().contains("not moved")));
  }

  @Test
  void estateCountsExpiredPasswordsForMonitoring() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    HttpResponse<String> r = fixture.get("/api/v1/estate", reader.cookie());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode counts = json(r);
    assertTrue(counts.get("computers").asLong() >= 3);
    assertTrue(counts.get("expired").asLong() >= 0);
    assertEquals(405, fixture.postJson("/api/v1/estate", reader.cookie(), reader.csrf(), "{}")
        .statusCode());
  }

  @Test
  void signOutEndsTheSession() throws Exception {
    ConsoleFixture.ApiSession reader = fixture.signIn(ConsoleFixture.READER_DN, "reader-secret");
    HttpRequest.Builder delete = HttpRequest.newBuilder(fixture.uri("/api/v1/session"))
        .header("Cookie", reader.cookie()).DELETE();
    assertEquals(403, fixture.send(delete).statusCode(), "sign-out needs the CSRF token too");
    assertEquals(204, fixture.send(HttpRequest.newBuilder(fixture.uri("/api/v1/session"))
        .header("Cookie", reader.cookie()).header("X-CSRF-Token", reader.csrf()).DELETE())
        .statusCode());
    assertEquals(401, fixture.get("/api/v1/estate", reader.cookie()).statusCode());
  }

  @Test
  void theAuditFileIsOwnerOnly() throws Exception {
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(fixture.auditFile)));
  }

  @Test
  void revealsAreRateLimitedPerUser() throws Exception {
    try (ConsoleFixture limited = ConsoleFixture.start(Duration.ofMinutes(5), 2,
        Optional.empty(), true)) {
      ConsoleFixture.ApiSession reader = limited.signIn(ConsoleFixture.READER_DN,
          "reader-secret");
      String body = "{\"name\":\"CAPI-LEGACY\",\"reason\":\"call 1\"}";
      HttpResponse<String> noReason = limited.postJson("/api/v1/computer/reveal",
          reader.cookie(), reader.csrf(), "{\"name\":\"CAPI-LEGACY\"}");
      assertEquals(400, noReason.statusCode());
      assertEquals("this deployment needs a reason for every reveal and reset",
          json(noReason).get("error").asText());
      assertEquals(200, limited.postJson("/api/v1/computer/reveal", reader.cookie(),
          reader.csrf(), body).statusCode());
      assertEquals(200, limited.postJson("/api/v1/computer/reveal", reader.cookie(),
          reader.csrf(), body).statusCode());
      HttpResponse<String> third = limited.postJson("/api/v1/computer/reveal", reader.cookie(),
          reader.csrf(), body);
      assertEquals(429, third.statusCode());
      assertFalse(third.body().contains(PASSWORD));
      assertTrue(limited.auditRecords().stream().anyMatch(a -> a.get("outcome").asText()
          .equals("refused") && a.get("detail").asText().startsWith("rate limit")));
    }
  }

  @Test
  void anIdleSessionEndsAndIsAudited() throws Exception {
    try (ConsoleFixture quick = ConsoleFixture.start(Duration.ofSeconds(2), 10,
        Optional.empty(), false)) {
      ConsoleFixture.ApiSession reader = quick.signIn(ConsoleFixture.READER_DN, "reader-secret");
      assertEquals(200, quick.get("/api/v1/estate", reader.cookie()).statusCode());
      assertEquals(1, quick.console.sessions());
      Thread.sleep(4000);
      assertEquals(0, quick.console.sessions(), "the sweeper ended it without a request");
      assertEquals(401, quick.get("/api/v1/estate", reader.cookie()).statusCode());
      assertTrue(quick.auditRecords().stream().anyMatch(a -> a.get("event").asText()
          .equals("session-expired")));
    }
  }

  @Test
  void expireAfterUseMovesTheExpiryToTheGracePeriod() throws Exception {
    ConsoleFixture.computer(ou, "EAU-ONE", "ms-Mcs-AdmPwd", "Eau-Pw-3",
        "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    try (ConsoleFixture eau = ConsoleFixture.start(Duration.ofMinutes(5), 10,
        Optional.of(Duration.ofHours(1)), false)) {
      ConsoleFixture.ApiSession reader = eau.signIn(ConsoleFixture.READER_DN, "reader-secret");
      Instant before = Instant.now();
      HttpResponse<String> r = eau.postJson("/api/v1/computer/reveal", reader.cookie(),
          reader.csrf(), "{\"name\":\"EAU-ONE\"}");
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(json(r).get("expireAfterUse").asText().startsWith("moved ms-Mcs-AdmPwdExpirationTime"));
      Instant moved = Instant.parse(json(eau.get(lookup("EAU-ONE"), reader.cookie()))
          .get("legacyExpiration").asText());
      assertTrue(!moved.isBefore(before.plus(Duration.ofHours(1)).minusSeconds(1))
          && !moved.isAfter(Instant.now().plus(Duration.ofHours(1))), moved.toString());
      // Already earlier than the grace period: the second reveal leaves it, and says so.
      r = eau.postJson("/api/v1/computer/reveal", reader.cookie(), reader.csrf(),
          "{\"name\":\"EAU-ONE\"}");
      assertTrue(json(r).get("expireAfterUse").asText().contains("not moved"), r.body());
      assertTrue(eau.auditRecords().stream().anyMatch(a -> a.get("event").asText()
          .equals("expire-after-use") && a.get("outcome").asText().equals("refused")
          && a.get("detail").asText().contains("not moved")));
    }
  }
}
