package io.lapsbridge.embedded.entra;

import io.lapsbridge.embedded.entra.EntraFixture.Credential;
import io.lapsbridge.embedded.entra.EntraFixture.Device;
import io.lapsbridge.embedded.entra.EntraFixture.Encoding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code demo}'s Entra ID tenant (#16): Entra-joined devices (one with a history of two
 * accounts, one uploading UTF-8), a device without a backup, one Intune does not manage, and
 * hybrid-joined devices whose AD computers the demo adds to the AD stand-in with the same SID:
 * one also holding a current password in AD (forbidden: backed up to both), one holding an old
 * copy left after its move to Entra.
 */
public final class DemoTenant {
  public static final String TENANT = "lapsbridge-demo.example";
  /** The demo's application: every permission the commands use. */
  public static final String APP_ID = "d3m0a991-0000-4000-8000-00000000a001".replace('m', '0');

  /** The Entra-joined device the tour finds with {@code --directory auto}. */
  public static final String CLOUD_DEVICE = "ENTRA-WS-01";

  /** The hybrid device with a current password in both directories. */
  public static final String HYBRID_BOTH = "HYB-01";
  /** The hybrid device whose AD copy was left after the move. */
  public static final String HYBRID_MOVED = "HYB-02";

  /** The domain SID of the hybrid devices' AD computers. */
  private static final String DOMAIN_SID = "S-1-5-21-3623811015-3361044348-30300820-";

  private DemoTenant() {}

  /** The SID of {@code hybrid}'s AD computer and Entra device. */
  public static String sidOf(String hybrid) {
    return DOMAIN_SID + (hybrid.equals(HYBRID_BOTH) ? "5101" : "5102");
  }

  /** The tenant, with the application's {@code secret}, devices timed from {@code now}. */
  public static GraphStandIn.Config config(String secret, Instant now) {
    String local = "S-1-5-21-1111111111-2222222222-3333333333-";
    Duration day = Duration.ofDays(1);
    List<Device> devices = List.of(
        new Device("1f0c5a3e-7d29-4c4e-9b51-0a8e2f6d0001", "0b7e2c11-0000-4000-8000-000000000001",
            CLOUD_DEVICE, null, "AzureAd", "5e1a7c02-0000-4000-8000-0000000000a1",
            now.plus(day.multipliedBy(29)), List.of(
                new Credential("LapsAdmin", local + "1001", now.minus(day), "Tq4!vR8#mW2zKp",
                    Encoding.UTF_16LE),
                new Credential("LapsAdmin", local + "1001", now.minus(day.multipliedBy(31)),
                    "Hx7$bN3@qL9sEd", Encoding.UTF_16LE),
                new Credential("Administrator", local + "500", now.minus(day.multipliedBy(61)),
                    "Yc2%fJ6&uP1oGa", Encoding.UTF_16LE))),
        new Device("1f0c5a3e-7d29-4c4e-9b51-0a8e2f6d0002", "0b7e2c11-0000-4000-8000-000000000002",
            "ENTRA-WS-02", null, "AzureAd", "5e1a7c02-0000-4000-8000-0000000000a2",
            now.plus(day.multipliedBy(12)), List.of(new Credential("LapsAdmin", local + "1002",
                now.minus(day.multipliedBy(18)), "Utf8-Demo-Pw42", Encoding.UTF_8))),
        new Device("1f0c5a3e-7d29-4c4e-9b51-0a8e2f6d0003", "0b7e2c11-0000-4000-8000-000000000003",
            "ENTRA-NEW", null, "AzureAd", null, null, List.of()),
        new Device("1f0c5a3e-7d29-4c4e-9b51-0a8e2f6d0004", "0b7e2c11-0000-4000-8000-000000000004",
            "ENTRA-BYOD", null, "Workplace", null, now.plus(day.multipliedBy(3)),
            List.of(new Credential("LapsAdmin", local + "1004", now.minus(day.multipliedBy(27)),
                "Byod-Demo-Pw17", Encoding.UTF_16LE))),
        new Device("1f0c5a3e-7d29-4c4e-9b51-0a8e2f6d0101", "0b7e2c11-0000-4000-8000-000000000101",
            HYBRID_BOTH, sidOf(HYBRID_BOTH), "ServerAd", "5e1a7c02-0000-4000-8000-0000000001a1",
            now.plus(day.multipliedBy(28)), List.of(new Credential("Administrator",
                sidOf(HYBRID_BOTH).replace("-5101", "-500"), now.minus(day.multipliedBy(2)),
                "Hyb1-Entra-Pw9", Encoding.UTF_16LE))),
        new Device("1f0c5a3e-7d29-4c4e-9b51-0a8e2f6d0102", "0b7e2c11-0000-4000-8000-000000000102",
            HYBRID_MOVED, sidOf(HYBRID_MOVED), "ServerAd", "5e1a7c02-0000-4000-8000-0000000001a2",
            now.plus(day.multipliedBy(27)), List.of(new Credential("Administrator",
                sidOf(HYBRID_MOVED).replace("-5102", "-500"), now.minus(day.multipliedBy(3)),
                "Hyb2-Entra-Pw8", Encoding.UTF_16LE))));
    return new GraphStandIn.Config(TENANT, List.of(
        new EntraFixture.Application(APP_ID, secret, null, EntraFixture.ALL)), null, devices, 0,
        1000, true);
  }

  /** The roles the demo names: not used by the application, shown in the banner. */
  public static final Set<String> PERMISSIONS = EntraFixture.ALL;
}
