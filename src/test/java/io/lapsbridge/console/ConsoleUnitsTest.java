package io.lapsbridge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's pure parts: spelling, the rate limit, durations, the TLS identity. */
class ConsoleUnitsTest {
  @TempDir Path folder;

  @Test
  void aPasswordIsSpelledForTheTelephone() {
    assertEquals(List.of("K CAPITAL KILO", "x lower-case x-ray", "7 digit seven",
        "# hash", "U+0020 space", "U+0001 control character",
        "é U+00E9 latin small letter e with acute"), Spelling.of("Kx7# \u0001é"));
    assertEquals(List.of("\uD83D\uDE00 U+1F600 grinning face"), Spelling.of("\uD83D\uDE00"));
  }

  @Test
  void revealsAreLimitedPerUserInASlidingMinute() {
    RevealLimiter limiter = new RevealLimiter(2);
    Instant t = Instant.parse("2026-12-05T00:00:00Z");
    assertTrue(limiter.allow("a", t));
    assertTrue(limiter.allow("a", t.plusSeconds(10)));
    assertFalse(limiter.allow("a", t.plusSeconds(20)));
    assertTrue(limiter.allow("b", t.plusSeconds(20)), "each user has their own budget");
    assertFalse(limiter.allow("a", t.plusSeconds(59)));
    assertTrue(limiter.allow("a", t.plusSeconds(60)), "the first reveal left the window;"
        + " the refusals counted nothing");
    assertFalse(limiter.allow("a", t.plusSeconds(61)));
  }

  @Test
  void durationsReadLikeTheOptions() {
    assertEquals(Duration.ofSeconds(90), Console.duration("90s", "--x"));
    assertEquals(Duration.ofMinutes(15), Console.duration("15m", "--x"));
    assertEquals(Duration.ofHours(8), Console.duration("8H", "--x"));
    assertEquals(Duration.ofDays(1), Console.duration("1d", "--x"));
    assertEquals(Duration.ofMinutes(15), Console.duration("PT15M", "--x"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Console.duration("soon", "--idle-timeout"));
    assertEquals("--idle-timeout must be a duration such as 90s, 15m, 8h or 1d: 'soon'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Console.duration("5w", "--x"));
  }

  @Test
  void aSelfSignedIdentityNamesItsHostsAndHidesItsPassword() throws Exception {
    TlsIdentity tls = TlsIdentity.selfSigned(List.of("localhost", "127.0.0.1"));
    assertTrue(tls.certificatePem().startsWith("-----BEGIN CERTIFICATE-----\n"));
    assertEquals("TlsIdentity[self-signed certificate for localhost, 127.0.0.1]", tls.toString());
    assertFalse(tls.toString().contains(tls.keyStorePassword()));
  }

  @Test
  void pemFilesAreReadAndAWrongKeyFormatIsNamed() throws Exception {
    Path cert = folder.resolve("cert.pem");
    Path key = folder.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=console.example",
        "-days", "2", "-keyout", key.toString(), "-out", cert.toString())
        .redirectErrorStream(true).start();
    openssl.getInputStream().readAllBytes();
    assertEquals(0, openssl.waitFor());
    TlsIdentity tls = TlsIdentity.fromPem(cert, key);
    assertEquals(Files.readString(cert, StandardCharsets.US_ASCII).strip(),
        tls.certificatePem().strip());
    Path rsaStyle = folder.resolve("old.pem");
    Files.writeString(rsaStyle, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    java.io.IOException e = assertThrows(java.io.IOException.class,
        () -> TlsIdentity.fromPem(cert, rsaStyle));
    assertTrue(e.getMessage().endsWith("holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
        + " convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8"), e.getMessage());
  }
}
