package io.lapsbridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.directory.TransportProbe.Certificate;
import io.lapsbridge.directory.TransportProbe.Endpoint;
import io.lapsbridge.directory.TransportProbe.Report;
import io.lapsbridge.directory.TransportProbe.Signing;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportCheckTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final Endpoint LDAPS = new Endpoint(636, true, "TLS handshake completed");
  private static final Endpoint START_TLS = new Endpoint(389, true, "StartTLS accepted");

  private static Certificate certificate(Duration left, Optional<String> trust,
      boolean matchesDcName) {
    Map<String, Boolean> matches = new LinkedHashMap<>();
    matches.put("dc1.corp.example", true);
    matches.put("dc1.corp.example.", matchesDcName);
    return new Certificate("CN=dc1", "CN=Corp CA", List.of("dc1.corp.example"),
        NOW.plus(left), trust, matches);
  }

  private static List<String> statuses(Report report) {
    return TransportCheck.evaluate(report, NOW, 30).stream()
        .map(f -> f.check() + " " + f.status().label()).toList();
  }

  @Test
  void aWellSetUpDcHasOnlyTheUndeterminedChannelBindingWarning() {
    assertEquals(List.of("ldaps ok", "start-tls ok", "certificate ok", "ldap-signing ok",
        "channel-binding warning"), statuses(new Report("dc1.corp.example", LDAPS, START_TLS,
            Optional.of(certificate(Duration.ofDays(200), Optional.empty(), true)),
            Signing.REQUIRED, "strong auth required (8)")));
  }

  @Test
  void anUntrustedMismatchedExpiringCertificateAndUnsignedLdapAreEachFound() {
    List<Finding> findings = TransportCheck.evaluate(new Report("dc1.corp.example", LDAPS,
        START_TLS, Optional.of(certificate(Duration.ofDays(10), Optional.of("unable to find"
            + " valid certification path"), false)), Signing.NOT_REQUIRED,
        "invalid credentials (49)"), NOW, 30);
    assertEquals(List.of("ldaps ok", "start-tls ok", "certificate problem",
        "certificate problem", "certificate warning", "ldap-signing warning",
        "channel-binding warning"), findings.stream()
        .map(f -> f.check() + " " + f.status().label()).toList());
    assertEquals("not valid for 'dc1.corp.example.': issued by CN=Corp CA for dc1.corp.example,"
        + " valid until 2026-12-15T12:00:00Z", findings.get(3).evidence());
    assertEquals("expires in 10 day(s), at 2026-12-15T12:00:00Z (warning below 30 days); issued"
        + " by CN=Corp CA for dc1.corp.example, valid until 2026-12-15T12:00:00Z",
        findings.get(4).evidence());
  }

  @Test
  void anExpiredCertificateIsAProblem() {
    assertEquals(List.of("ldaps ok", "start-tls ok", "certificate problem", "ldap-signing ok",
        "channel-binding warning"), statuses(new Report("dc1", LDAPS, START_TLS,
            Optional.of(certificate(Duration.ofDays(-1), Optional.empty(), true)),
            Signing.NO_PLAIN_LDAP, "no LDAP server answered")));
  }

  @Test
  void noTlsAtAllIsAProblemOnBothEndpoints() {
    Endpoint closed = new Endpoint(636, false, "no TLS handshake: Connection refused");
    Endpoint refused = new Endpoint(389, false, "StartTLS refused: unavailable (52)");
    assertEquals(List.of("ldaps problem", "start-tls problem", "ldap-signing warning",
        "channel-binding warning"), statuses(new Report("dc1", closed, refused,
            Optional.empty(), Signing.UNKNOWN, "busy (51)")));
  }
}
