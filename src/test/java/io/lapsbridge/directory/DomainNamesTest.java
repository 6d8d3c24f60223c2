package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainNamesTest {
  @Test
  void theDcRdnsSpellTheDnsNameInLowerCase() {
    assertEquals(Optional.of("corp.example.com"),
        DomainNames.dnsNameOf("DC=Corp,DC=Example,dc=COM"));
    assertEquals(Optional.of("example.com"),
        DomainNames.dnsNameOf("CN=Configuration , DC=example,DC=com"));
  }

  @Test
  void escapedCommasAndPlusSignsAreNotRdnBoundaries() {
    assertEquals(Optional.of("example.com"),
        DomainNames.dnsNameOf("OU=Smith\\, DC=fake,DC=example,DC=com"));
    assertEquals(Optional.of("example.com"),
        DomainNames.dnsNameOf("CN=a+DC=fake,DC=example,DC=com"));
    assertEquals(Optional.of("example.com"),
        DomainNames.dnsNameOf("CN=a\\+DC\\=fake,DC=example,DC=com"));
  }

  @Test
  void noDcPartsOrNoDnGiveNothing() {
    assertEquals(Optional.empty(), DomainNames.dnsNameOf("O=Example"));
    assertEquals(Optional.empty(), DomainNames.dnsNameOf("not a dn"));
    assertEquals(Optional.empty(), DomainNames.dnsNameOf(""));
  }
}
