package io.lapsbridge.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleEstateTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

  private static List<SampleEstate.Computer> generate(long seed, int count) {
    List<SampleEstate.Computer> computers = new ArrayList<>();
    new SampleEstate("dc=example,dc=com", new SplittableRandom(seed), CLOCK)
        .generate(count, computers::add);
    return computers;
  }

  @Test
  void theSameSeedGivesTheSameEstate() {
    assertEquals(
        generate(7, 50).stream().map(SampleEstate.Computer::attributes).toList(),
        generate(7, 50).stream().map(SampleEstate.Computer::attributes).toList());
  }

  @Test
  void everyStateAppearsInTheFirstEight() {
    EnumSet<SampleEstate.State> seen = EnumSet.noneOf(SampleEstate.State.class);
    generate(1, 8).forEach(c -> seen.add(c.state()));
    assertEquals(EnumSet.allOf(SampleEstate.State.class), seen);
  }

  @Test
  void namesAndPlacesAreStable() {
    SampleEstate.Computer fifth = generate(1, 5).get(4);
    assertEquals("SRV-00005", fifth.name());
    assertEquals("cn=SRV-00005,ou=Servers,ou=Computers,dc=example,dc=com", fifth.dn());
    assertEquals(List.of("srv-00005.example.com"), fifth.attributes().get("dNSHostName"));
  }

  @Test
  void theDomainComesFromTheDcRdnsEvenBehindAnEscapedComma() {
    List<SampleEstate.Computer> computers = new ArrayList<>();
    new SampleEstate("OU=Smith\\, DC=fake,DC=Example,dc=com", new SplittableRandom(1), CLOCK)
        .generate(1, computers::add);
    assertEquals(List.of("ws-00001.Example.com"),
        computers.get(0).attributes().get("dNSHostName"));
  }

  @Test
  void toStringShowsNoAttributeValues() {
    SampleEstate.Computer legacy = generate(1, 1).get(0);
    String password = legacy.attributes().get("ms-Mcs-AdmPwd").get(0);
    assertFalse(legacy.toString().contains(password));
  }
}
