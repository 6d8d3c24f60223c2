package io.lapsbridge.entra;

import io.lapsbridge.embedded.entra.EntraFixture;
import io.lapsbridge.embedded.entra.EntraFixture.Credential;
import io.lapsbridge.embedded.entra.EntraFixture.Device;
import io.lapsbridge.embedded.entra.EntraFixture.Encoding;
import io.lapsbridge.embedded.entra.GraphStandIn;
import io.lapsbridge.model.Secret;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The test tenant: applications with each permission set, the device-code user, devices. */
final class EntraTenant {
  static final String TENANT = "contoso-test.example";
  static final String FULL = "00000000-0000-0000-0000-00000000f011";
  static final String BASIC = "00000000-0000-0000-0000-0000000ba51c";
  static final String NONE = "00000000-0000-0000-0000-00000000000e";
  static final String CERT = "00000000-0000-0000-0000-0000000cee70";
  static final String PUBLIC = "00000000-0000-0000-0000-000000000b1c";
  static final String SECRET = "full-app-secret-Zq9~x";

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  static final String UTF16_ID = "11111111-1111-1111-1111-111111111111";
  static final String UTF8_ID = "22222222-2222-2222-2222-222222222222";
  static final String NO_BACKUP_ID = "33333333-3333-3333-3333-333333333333";
  static final String UNMANAGED_ID = "44444444-4444-4444-4444-444444444444";
  static final String TWIN_A = "55555555-5555-5555-5555-555555555555";
  static final String TWIN_B = "66666666-6666-6666-6666-666666666666";
  static final String HYBRID_ID = "77777777-7777-7777-7777-777777777777";
  static final String HYBRID_SID = "S-1-5-21-1004336348-1177238915-682003330-3101";

  /** UTF-16LE history of two accounts, three passwords. */
  static final String CURRENT = "Kq7#mZ2!pL9$";
  static final String OLDER = "older-Pass-1";
  static final String OTHER_ACCOUNT = "Adm1n-xyz";
  static final String UTF8_PASSWORD = "utf8-Passw0rd!";

  private EntraTenant() {}

  static GraphStandIn.Config config(X509Certificate certificate, int synthetic, int pageSize,
      boolean intune, Set<String> userRoles) {
    List<EntraFixture.Application> apps = List.of(
        new EntraFixture.Application(FULL, SECRET, null, EntraFixture.ALL),
        new EntraFixture.Application(BASIC, SECRET, null,
            Set.of(EntraFixture.READ_BASIC, EntraFixture.DEVICE_READ)),
        new EntraFixture.Application(NONE, SECRET, null, Set.of()),
        new EntraFixture.Application(CERT, null, certificate, EntraFixture.ALL));
    EntraFixture.User user = new EntraFixture.User(PUBLIC, "helen@contoso-test.example",
        Set.of(EntraFixture.READ, EntraFixture.READ_BASIC), userRoles);
    return new GraphStandIn.Config(TENANT, apps, user, devices(), synthetic, pageSize, intune);
  }

  static List<Device> devices() {
    List<Device> devices = new ArrayList<>();
    String sid = "S-1-5-21-2318549658-1590267884-3984890135-";
    devices.add(new Device(UTF16_ID, "a1111111-1111-1111-1111-111111111111", "ENTRA-WS-01", null,
        "AzureAd", "m1111111-0000-0000-0000-000000000001", NOW.plus(Duration.ofDays(29)), List.of(
            new Credential("Administrator", sid + "500", NOW.minus(Duration.ofDays(60)),
                OTHER_ACCOUNT, Encoding.UTF_16LE),
            new Credential("LapsAdmin", sid + "1001", NOW.minus(Duration.ofDays(1)), CURRENT,
                Encoding.UTF_16LE),
            new Credential("LapsAdmin", sid + "1001", NOW.minus(Duration.ofDays(31)), OLDER,
                Encoding.UTF_16LE))));
    devices.add(new Device(UTF8_ID, "a2222222-2222-2222-2222-222222222222", "ENTRA-WS-02", null,
        "AzureAd", "m2222222-0000-0000-0000-000000000002", NOW.plus(Duration.ofDays(20)), List.of(
            new Credential("LapsAdmin", sid + "1002", NOW.minus(Duration.ofDays(10)),
                UTF8_PASSWORD, Encoding.UTF_8))));
    devices.add(new Device(NO_BACKUP_ID, "a3333333-3333-3333-3333-333333333333", "ENTRA-NEW",
        null, "AzureAd", null, null, List.of()));
    devices.add(new Device(UNMANAGED_ID, "a4444444-4444-4444-4444-444444444444", "ENTRA-BYOD",
        null, "AzureAd", null, NOW.plus(Duration.ofDays(5)), List.of(new Credential("LapsAdmin",
            sid + "1004", NOW.minus(Duration.ofDays(2)), "byod-Pass-44", Encoding.UTF_16LE))));
    for (String twin : List.of(TWIN_A, TWIN_B)) {
      devices.add(new Device(twin, "b" + twin.substring(1), "KIOSK", null, "AzureAd", null,
          NOW.plus(Duration.ofDays(3)), List.of(new Credential("LapsAdmin", sid + "1005",
              NOW.minus(Duration.ofDays(4)), "kiosk-" + twin.charAt(0), Encoding.UTF_16LE))));
    }
    devices.add(new Device(HYBRID_ID, "a7777777-7777-7777-7777-777777777777", "HYB-01",
        HYBRID_SID, "ServerAd", "m7777777-0000-0000-0000-000000000007",
        NOW.plus(Duration.ofDays(25)), List.of(new Credential("LapsAdmin", sid + "1007",
            NOW.minus(Duration.ofDays(5)), "hybrid-Pass-7", Encoding.UTF_16LE))));
    return devices;
  }

  static EntraSettings settings(GraphStandIn standIn, String clientId, EntraCredential credential,
      Path tokenCache) {
    return new EntraSettings(TENANT, clientId, credential, standIn.authorityUrl(),
        standIn.graphUrl(), standIn.certificateFile(), tokenCache, Duration.ofSeconds(20));
  }

  static EntraCredential secret() {
    return new EntraCredential.ClientSecret(Secret.of(SECRET));
  }
}
