package io.lapsbridge.entra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.embedded.entra.GraphStandIn;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Throttling with bounded retries, paging, and links that would carry the token elsewhere. */
class GraphClientTest {
  static GraphStandIn standIn;

  @BeforeAll
  static void start() throws Exception {
    standIn = GraphStandIn.start(EntraTenant.config(null, 950, 100, false,
        Set.of("Cloud Device Administrator")));
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  private static EntraDirectory open(String client, GraphClient.RetryPolicy retries,
      List<Duration> waits) throws GraphException {
    return EntraDirectory.open(EntraTenant.settings(standIn, client, EntraTenant.secret(), null),
        line -> { }, "test", retries, waits::add);
  }

  @Test
  void pagesAreStreamedAlongNextLink() throws Exception {
    List<CredentialSummary> all = new ArrayList<>();
    int pages = open(EntraTenant.FULL, GraphClient.RetryPolicy.DEFAULT, new ArrayList<>())
        .forEachCredential(all::add);
    assertEquals(956, all.size(), "6 fixture devices with a backup and 950 generated");
    assertEquals(10, pages, "pages of at most 100");
    assertEquals("ENTRA-WS-01", all.get(0).deviceName());
    assertEquals("SYN-000949", all.get(955).deviceName());
  }

  @Test
  void retryAfterIsHonouredWithinTheBudget() throws Exception {
    List<Duration> waits = new ArrayList<>();
    EntraDirectory entra = open(EntraTenant.FULL, new GraphClient.RetryPolicy(3, Duration.ofMinutes(1)),
        waits);
    entra.read(EntraTenant.UTF16_ID);
    standIn.throttleNext(3, 7);
    assertEquals(EntraTenant.UTF8_PASSWORD,
        entra.read(EntraTenant.UTF8_ID).credentials().credentials().get(0).password().reveal());
    assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7)),
        waits);
    assertEquals(3, entra.throttledCount());
  }

  @Test
  void retriesAreBounded() throws Exception {
    List<Duration> waits = new ArrayList<>();
    EntraDirectory entra = open(EntraTenant.FULL, new GraphClient.RetryPolicy(2, Duration.ofMinutes(1)),
        waits);
    entra.read(EntraTenant.UTF16_ID);
    standIn.throttleNext(5, 1);
    GraphException e = assertThrows(GraphException.class, () -> entra.read(EntraTenant.UTF8_ID));
    standIn.throttleNext(0, 1);
    assertEquals(GraphException.Kind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().contains("Graph is still throttling (HTTP 429) after 2 retries"),
        e.getMessage());
    assertEquals(2, waits.size());
  }

  @Test
  void aRetryAfterBeyondTheLongestWaitIsReportedNotWaited() throws Exception {
    List<Duration> waits = new ArrayList<>();
    EntraDirectory entra = open(EntraTenant.FULL, new GraphClient.RetryPolicy(4, Duration.ofSeconds(30)),
        waits);
    entra.read(EntraTenant.UTF16_ID);
    standIn.throttleNext(1, 3600);
    GraphException e = assertThrows(GraphException.class, () -> entra.read(EntraTenant.UTF8_ID));
    standIn.throttleNext(0, 1);
    assertTrue(e.getMessage().endsWith("Graph is throttling (HTTP 429) and asks to wait 3600 s,"
        + " more than 30 s; try again later"), e.getMessage());
    assertTrue(waits.isEmpty());
  }

  @Test
  void aNextLinkToAnotherHostIsRefused() {
    GraphClient client = new GraphClient(URI.create("https://graph.example"), null,
        new TokenSource() {
          @Override
          public String accessToken() {
            return "t";
          }

          @Override
          public boolean delegated() {
            return false;
          }
        }, Duration.ofSeconds(1), GraphClient.RetryPolicy.DEFAULT, d -> { }, "test");
    GraphException e = assertThrows(GraphException.class,
        () -> client.sameHost("https://attacker.example/v1.0/x?$skiptoken=1", "listing"));
    assertEquals("listing: @odata.nextLink leads to https://attacker.example, not to Graph at"
        + " graph.example", e.getMessage());
    assertThrows(GraphException.class, () -> client.sameHost("http://graph.example/x", "l"));
  }

  @Test
  void aTenantWithoutIntuneAndAnUnmanagedDeviceAreClear() throws Exception {
    EntraDirectory entra = open(EntraTenant.FULL, GraphClient.RetryPolicy.DEFAULT, new ArrayList<>());
    GraphException e = assertThrows(GraphException.class, () -> entra.rotate(EntraTenant.UTF16_ID));
    assertEquals(GraphException.Kind.NOT_MANAGED, e.kind());
    assertTrue(e.getMessage().startsWith("Intune did not answer for this tenant; does it have"
        + " Intune?"), e.getMessage());
  }

  @Test
  void rotationWithoutThePrivilegedPermissionNamesIt() throws Exception {
    try (GraphStandIn intune = GraphStandIn.start(EntraTenant.config(null, 0, 100, true, Set.of()))) {
      EntraDirectory basic = EntraDirectory.open(EntraTenant.settings(intune, EntraTenant.BASIC,
          EntraTenant.secret(), null), line -> { }, "test");
      GraphException e = assertThrows(GraphException.class,
          () -> basic.rotate(EntraTenant.UTF16_ID));
      assertEquals(GraphException.Kind.PERMISSION, e.kind());
      assertTrue(e.getMessage().endsWith("finding the device in Intune needs the application"
          + " permission DeviceManagementManagedDevices.Read.All"), e.getMessage());
      EntraDirectory full = EntraDirectory.open(EntraTenant.settings(intune, EntraTenant.FULL,
          EntraTenant.secret(), null), line -> { }, "test");
      assertEquals("m7777777-0000-0000-0000-000000000007", full.rotate(EntraTenant.HYBRID_ID));
      GraphException unmanaged = assertThrows(GraphException.class,
          () -> full.rotate(EntraTenant.UNMANAGED_ID));
      assertEquals(GraphException.Kind.NOT_MANAGED, unmanaged.kind());
      assertEquals(List.of("m7777777-0000-0000-0000-000000000007"), intune.rotated());
    }
  }
}
