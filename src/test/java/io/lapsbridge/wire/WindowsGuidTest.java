package io.lapsbridge.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WindowsGuidTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void theFirstThreeFieldsAreLittleEndianAndTheLastEightAsTheyAre() {
    UUID guid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    byte[] bytes = HEX.parseHex("33221100554477668899aabbccddeeff");
    assertArrayEquals(bytes, WindowsGuid.encode(guid));
    assertEquals(guid, assertDecodes(bytes));
  }

  @Test
  void theComputerClassSchemaGuidHasTheBytesAdStores() throws Exception {
    // schemaIDGUID of the computer class, as ldapsearch prints it from Active Directory.
    UUID computer = UUID.fromString("bf967a86-0de6-11d0-a285-00aa003049e2");
    assertEquals(computer, WindowsGuid.decode(HEX.parseHex("867a96bfe60dd011a28500aa003049e2")));
  }

  @Test
  void roundTripsWithTheHighBitsSetEverywhere() {
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 1000; i++) {
      UUID guid = new UUID(random.nextLong(), random.nextLong());
      assertEquals(guid, assertDecodes(WindowsGuid.encode(guid)));
    }
    UUID ones = new UUID(-1L, -1L);
    assertEquals(ones, assertDecodes(WindowsGuid.encode(ones)));
  }

  @Test
  void onlySixteenBytesAreAGuid() {
    assertEquals("a GUID has 16 bytes, not 15", assertThrows(
        MalformedValueException.class, () -> WindowsGuid.decode(new byte[15])).getMessage());
    assertEquals("a GUID has 16 bytes, not 17", assertThrows(
        MalformedValueException.class, () -> WindowsGuid.decode(new byte[17])).getMessage());
    assertEquals("a GUID has 16 bytes, not none", assertThrows(
        MalformedValueException.class, () -> WindowsGuid.decode(null)).getMessage());
  }

  private static UUID assertDecodes(byte[] bytes) {
    try {
      UUID viaCodec = WindowsGuid.decode(bytes);
      assertEquals(viaCodec, LittleEndianReader.of(bytes).guid());
      assertArrayEquals(bytes, new LittleEndianWriter().guid(viaCodec).toByteArray());
      return viaCodec;
    } catch (MalformedValueException e) {
      throw new AssertionError(e);
    }
  }
}
