package io.lapsbridge.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecurityIdentifierTest {
  @Test
  void domainAdminsHasTheDocumentedBinaryForm() throws Exception {
    // S-1-5-32-544 (BUILTIN\Administrators) as AD stores it.
    byte[] expected = HexFormat.of().parseHex("01020000000000052000000020020000");
    assertArrayEquals(expected, SecurityIdentifier.toBinary("S-1-5-32-544"));
    assertEquals("S-1-5-32-544", SecurityIdentifier.toText(expected));
  }

  @Test
  void roundTripsLargeSubAuthorities() throws Exception {
    String sid = "S-1-5-21-4294967295-2000000002-3000000003-1105";
    assertEquals(sid, SecurityIdentifier.toText(SecurityIdentifier.toBinary(sid)));
  }

  @Test
  void rejectsMalformedForms() {
    assertFalse(SecurityIdentifier.isValid("S-1-5-21-4294967296"));
    assertFalse(SecurityIdentifier.isValid("S-2-5-21"));
    assertFalse(SecurityIdentifier.isValid("S-1-5"));
    MalformedValueException e = assertThrows(MalformedValueException.class,
        () -> SecurityIdentifier.toBinary("S-1-x"));
    assertEquals("'S-1-x' is not a SID in S-1-... form", e.getMessage());
    assertThrows(MalformedValueException.class,
        () -> SecurityIdentifier.toText(HexFormat.of().parseHex("0102000000000005200000")));
  }
}
