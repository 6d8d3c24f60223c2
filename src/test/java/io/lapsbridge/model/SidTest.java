package io.lapsbridge.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SidTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest
  @CsvSource({
    "S-1-1-0, 010100000000000100000000, Everyone",
    "S-1-3-0, 010100000000000300000000, CREATOR OWNER",
    "S-1-5-10, 01010000000000050a000000, NT AUTHORITY\\SELF",
    "S-1-5-11, 01010000000000050b000000, NT AUTHORITY\\Authenticated Users",
    "S-1-5-18, 010100000000000512000000, NT AUTHORITY\\SYSTEM",
    "S-1-5-32-544, 01020000000000052000000020020000, BUILTIN\\Administrators",
  })
  void wellKnownSidsHaveTheirDocumentedBinaryFormAndName(String text, String hex, String name) {
    Sid sid = Sid.of(text);
    assertEquals(text, sid.toString());
    assertEquals(hex, HEX.formatHex(sid.toBytes()));
    assertEquals(name, sid.wellKnownName().orElseThrow());
  }

  @Test
  void domainAccountsRoundTripWithLargeSubAuthorities() {
    Sid sid = Sid.of("S-1-5-21-4294967295-2000000002-3000000003-1105");
    assertEquals(List.of(21L, 4294967295L, 2000000002L, 3000000003L, 1105L), sid.subAuthorities());
    assertEquals(
        "010500000000000515000000ffffffff02943577035ed0b251040000", HEX.formatHex(sid.toBytes()));
    assertTrue(sid.isDomainAccount());
    assertEquals(1105L, sid.rid());
    assertEquals(Sid.of("S-1-5-21-4294967295-2000000002-3000000003-512"),
        Sid.of("S-1-5-21-4294967295-2000000002-3000000003").withRid(Sid.DOMAIN_ADMINS_RID));
    assertFalse(Sid.BUILTIN_ADMINISTRATORS.isDomainAccount());
  }

  @Test
  void fifteenSubAuthoritiesAreTheMaximum() {
    String fifteen = "S-1-5" + "-1".repeat(15);
    Sid sid = Sid.of(fifteen);
    assertEquals(68, sid.binaryLength());
    assertEquals(68, sid.toBytes().length);
    assertEquals(fifteen, sid.toString());
    assertEquals("'" + fifteen + "-1' is not a SID: it has 16 sub-authorities, at most 15 are allowed",
        assertThrows(IllegalArgumentException.class, () -> Sid.of(fifteen + "-1")).getMessage());
    assertEquals("a SID has 1 to 15 sub-authorities, not 16", assertThrows(
        IllegalArgumentException.class,
        () -> new Sid(5, Collections.nCopies(16, 1L))).getMessage());
  }

  @Test
  void authoritiesOfTwoToThe32AndAboveAreWrittenInHex() {
    Sid big = Sid.of("S-1-0xffffffffffff-1");
    assertEquals(Sid.MAX_AUTHORITY, big.authority());
    assertEquals("S-1-0xFFFFFFFFFFFF-1", big.toString());
    assertEquals("S-1-0x000100000000-1", Sid.of("S-1-0x100000000-1").toString());
    assertEquals(big, Sid.of(big.toString()));
    assertArrayEquals(HEX.parseHex("0101ffffffffffff01000000"), big.toBytes());
    assertEquals("S-1-4294967295-7", Sid.of("S-1-0xFFFFFFFF-7").toString());
    assertEquals("S-1-5-32-544", Sid.of("s-1-5-32-544").toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "S-1-5 | 'S-1-5' is not a SID: it has no sub-authorities",
    "S-2-5-32 | 'S-2-5-32' is not a SID: it does not start with S-1-",
    "SID-1-5-32 | 'SID-1-5-32' is not a SID: it does not start with S-1-",
    "S-1-x-1 | 'S-1-x-1' is not a SID: authority 'x' is not a decimal number below 2^32 (write larger ones as 0x and 12 hex digits)",
    "S-1-4294967296-1 | 'S-1-4294967296-1' is not a SID: authority '4294967296' is not a decimal number below 2^32 (write larger ones as 0x and 12 hex digits)",
    "S-1-0x1000000000000-1 | 'S-1-0x1000000000000-1' is not a SID: authority '0x1000000000000' is not 0x and 1 to 12 hex digits",
    "S-1-5-21-4294967296 | 'S-1-5-21-4294967296' is not a SID: sub-authority 2 '4294967296' is not a decimal number from 0 to 4294967295",
    "S-1-5-21- | 'S-1-5-21-' is not a SID: sub-authority 2 '' is not a decimal number from 0 to 4294967295",
    "S-1-5--21 | 'S-1-5--21' is not a SID: sub-authority 1 '' is not a decimal number from 0 to 4294967295",
    "S-1-5-+21 | 'S-1-5-+21' is not a SID: sub-authority 1 '+21' is not a decimal number from 0 to 4294967295",
    "S-1-5-٣ | 'S-1-5-٣' is not a SID: sub-authority 1 '٣' is not a decimal number from 0 to 4294967295",
  })
  void malformedTextIsRefusedWithTheReason(String text, String message) {
    assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> Sid.of(text)).getMessage());
    assertTrue(Sid.parse(text).isEmpty());
    assertFalse(Sid.isValid(text));
  }

  @Test
  void spacesAreNotPartOfTheTextForm() {
    assertEquals("' S-1-5-18' is not a SID: it does not start with S-1-",
        assertThrows(IllegalArgumentException.class, () -> Sid.of(" S-1-5-18")).getMessage());
    assertEquals("'S-1-5-18 ' is not a SID: sub-authority 1 '18 ' is not a decimal number from 0"
        + " to 4294967295",
        assertThrows(IllegalArgumentException.class, () -> Sid.of("S-1-5-18 ")).getMessage());
  }

  @Test
  void nullIsRefusedByOfAndInvalidForTheOthers() {
    assertEquals("a SID is required, not null",
        assertThrows(IllegalArgumentException.class, () -> Sid.of(null)).getMessage());
    assertFalse(Sid.isValid(null));
  }

  @Test
  void theRecordChecksItsRanges() {
    assertThrows(IllegalArgumentException.class, () -> new Sid(-1, List.of(1L)));
    assertThrows(IllegalArgumentException.class, () -> new Sid(1L << 48, List.of(1L)));
    assertThrows(IllegalArgumentException.class, () -> new Sid(5, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Sid(5, List.of(1L << 32)));
    assertThrows(IllegalArgumentException.class, () -> new Sid(5, List.of(-1L)));
  }
}
