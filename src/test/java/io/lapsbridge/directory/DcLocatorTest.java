package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.testsupport.DnsResponder;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DC discovery against a DNS server the test runs: SRV order, addresses, and failures. */
class DcLocatorTest {
  private static DcLocator.Server server(String host, int priority, int weight) {
    return new DcLocator.Server(host, 389, priority, weight);
  }

  @Test
  void findsTheControllersOfTheDomainInPriorityOrder() throws Exception {
    try (DnsResponder dns = DnsResponder.start()) {
      dns.srv("_ldap._tcp.dc._msdcs.corp.test", 10, 0, 389, "dc2.corp.test.")
          .srv("_ldap._tcp.dc._msdcs.corp.test", 0, 0, 3389, "dc1.corp.test.");
      DcLocator locator = new DcLocator("CORP.test", Optional.of(dns.address()));
      assertEquals(List.of(new DcLocator.Server("dc1.corp.test", 3389, 0, 0),
          new DcLocator.Server("dc2.corp.test", 389, 10, 0)),
          locator.servers(new SplittableRandom(1)));
      assertEquals("DNS SRV _ldap._tcp.dc._msdcs.corp.test (DNS server " + dns.address() + ")",
          locator.describe());
    }
  }

  @Test
  void resolvesControllersThroughTheNamedServerAndElseTheSystem() throws Exception {
    try (DnsResponder dns = DnsResponder.start()) {
      dns.a("dc1.corp.test", "127.0.0.9");
      DcLocator locator = new DcLocator("corp.test", Optional.of(dns.address()));
      assertEquals(InetAddress.getByName("127.0.0.9"),
          locator.nameResolver().getByName("dc1.corp.test."));
      assertEquals("dc1.corp.test", locator.nameResolver().getByName("dc1.corp.test").getHostName(),
          "the name is kept for TLS and the SPN");
      assertTrue(locator.nameResolver().getByName("localhost").isLoopbackAddress());
    }
    assertEquals(null, new DcLocator("corp.test", Optional.empty()).nameResolver());
  }

  @Test
  void aDomainWithoutRecordsSaysWhereItAsked() throws Exception {
    try (DnsResponder dns = DnsResponder.start()) {
      DcLocator locator = new DcLocator("missing.test", Optional.of(dns.address()));
      DirectoryException e = assertThrows(DirectoryException.class,
          () -> locator.servers(new SplittableRandom(1)));
      assertEquals(DirectoryException.Kind.UNREACHABLE, e.kind());
      assertEquals("cannot find a domain controller of missing.test through DNS SRV"
          + " _ldap._tcp.dc._msdcs.missing.test (DNS server " + dns.address() + "): no such name",
          e.getMessage());
      assertTrue(dns.queries() > 0);
    }
  }

  @Test
  void weightsDecideWithinAPriorityAsRfc2782Says() {
    List<DcLocator.Server> servers = List.of(server("heavy", 0, 90), server("light", 0, 10),
        server("backup", 5, 100));
    Map<String, Integer> firsts = new HashMap<>();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      List<DcLocator.Server> order = DcLocator.order(servers, random);
      assertEquals("backup", order.get(2).host(), "a higher priority number comes last");
      firsts.merge(order.get(0).host(), 1, Integer::sum);
    }
    // 90 : 10 by weight, within a generous margin.
    assertTrue(firsts.get("heavy") > 8_500 && firsts.get("heavy") < 9_500, firsts.toString());
  }

  @Test
  void everyServerIsTriedOnceWhateverTheWeights() {
    List<DcLocator.Server> servers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      servers.add(server("dc" + i, i % 2, i == 0 ? 0 : i));
    }
    List<DcLocator.Server> order = DcLocator.order(servers, new SplittableRandom(7));
    assertEquals(6, order.size());
    assertEquals(6, order.stream().distinct().count());
    assertTrue(order.subList(0, 3).stream().allMatch(s -> s.priority() == 0), order.toString());
  }

  @Test
  void parsesJndisSrvText() {
    assertEquals(new DcLocator.Server("dc1.corp.test", 389, 0, 100),
        DcLocator.parse("0 100 389 dc1.corp.test."));
    assertThrows(IllegalArgumentException.class, () -> DcLocator.parse("0 100 dc1"));
    assertThrows(IllegalArgumentException.class, () -> new DcLocator(" ", Optional.empty()));
  }
}
