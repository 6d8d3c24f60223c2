package io.lapsbridge.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LapsAttributeTest {
  @Test
  void oidsMatchThePublishedSchemas() {
    assertEquals(
        "1.2.840.113556.1.8000.2554.50051.45980.28112.18903.35903.6685103.1224907.2.1",
        LapsAttribute.LEGACY_PASSWORD.oid());
    assertEquals(
        "1.2.840.113556.1.8000.2554.50051.45980.28112.18903.35903.6685103.1224907.2.2",
        LapsAttribute.LEGACY_EXPIRATION_TIME.oid());
    for (int i = 1; i <= 7; i++) {
      String oid = "1.2.840.113556.1.6.44.1." + i;
      assertTrue(
          LapsAttribute.of(AttributeFamily.WINDOWS).stream().anyMatch(a -> a.oid().equals(oid)),
          oid);
    }
    assertEquals(2, LapsAttribute.of(AttributeFamily.LEGACY).size());
    assertEquals(7, LapsAttribute.of(AttributeFamily.WINDOWS).size());
  }

  @Test
  void onlyExpiryTimesAreNotConfidential() {
    for (LapsAttribute attribute : LapsAttribute.values()) {
      boolean expiry =
          attribute == LapsAttribute.LEGACY_EXPIRATION_TIME
              || attribute == LapsAttribute.PASSWORD_EXPIRATION_TIME;
      assertEquals(!expiry, attribute.isConfidential(), attribute.ldapName());
      assertEquals(expiry ? 0 : 904, attribute.searchFlags(), attribute.ldapName());
    }
  }

  @Test
  void historiesAreTheOnlyMultiValuedAttributes() {
    assertFalse(LapsAttribute.ENCRYPTED_PASSWORD_HISTORY.singleValued());
    assertFalse(LapsAttribute.ENCRYPTED_DSRM_PASSWORD_HISTORY.singleValued());
    assertEquals(
        7, java.util.Arrays.stream(LapsAttribute.values()).filter(LapsAttribute::singleValued).count());
  }

  @Test
  void guidsUseActiveDirectorysMixedEndianBytes() {
    byte[] expected = HexFormat.of().parseHex("867a96bfe60dd011a28500aa003049e2");
    assertArrayEquals(
        expected, WindowsGuid.encode(UUID.fromString("bf967a86-0de6-11d0-a285-00aa003049e2")));
  }

  @Test
  void lookupIgnoresCase() {
    assertEquals(LapsAttribute.LEGACY_PASSWORD, LapsAttribute.byLdapName("MS-MCS-ADMPWD").orElseThrow());
    assertTrue(LapsAttribute.byLdapName("unicodePwd").isEmpty());
  }
}
