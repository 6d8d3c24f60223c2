package io.lapsbridge.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.Sid;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link LittleEndianReader} and {@link LittleEndianWriter}, and the binary SID they carry. */
class LittleEndianCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void everyFieldRoundTripsAndAdvancesThePosition() throws Exception {
    UUID guid = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
    byte[] bytes = new LittleEndianWriter()
        .u8(0xFE).u16(0xBEEF).u32(0xFFFF_FFFEL).u64(-2L).i32(-1).guid(guid)
        .sid(Sid.BUILTIN_ADMINISTRATORS).bytes(new byte[] {7, 8})
        .toByteArray();
    assertEquals("feefbefeffffff" + "feffffffffffffff" + "ffffffff"
        + "67452301ab89efcd0123456789abcdef" + "01020000000000052000000020020000" + "0708",
        HEX.formatHex(bytes));

    LittleEndianReader in = LittleEndianReader.of(bytes);
    assertEquals(0xFE, in.u8("tag"));
    assertEquals(0xBEEF, in.u16("short"));
    assertEquals(0xFFFF_FFFEL, in.u32("unsigned"));
    assertEquals(-2L, in.u64("hyper"));
    assertEquals(0xFFFF_FFFFL, in.u32());
    assertEquals(19, in.position());
    assertEquals(guid, in.guid("guid"));
    assertEquals(Sid.BUILTIN_ADMINISTRATORS, in.sid("SID"));
    assertEquals(2, in.remaining());
    assertArrayEquals(new byte[] {7, 8}, in.bytes(2, "tail"));
    in.expectEnd("record");
  }

  @Test
  void readingPastTheEndNamesTheFieldAndOffsetAndConsumesNothing() throws Exception {
    LittleEndianReader in = LittleEndianReader.of(new byte[] {1, 2, 3, 4, 5, 6});
    in.u16("header");
    BinaryFormatException e = assertThrows(BinaryFormatException.class, () -> in.u64("stamp"));
    assertEquals("offset 2: stamp needs 8 bytes but only 4 remain", e.getMessage());
    assertEquals(2, e.offset());
    assertEquals("stamp needs 8 bytes but only 4 remain", e.problem());
    assertTrue(e.truncated());
    assertEquals(2, in.position());
    assertEquals(0x0605_0403L, in.u32("rest"));
    assertEquals("offset 6: a GUID needs 16 bytes but only 0 remain",
        assertThrows(BinaryFormatException.class, in::guid).getMessage());
  }

  @Test
  void trailingBytesAndBadSeeksAreErrors() throws Exception {
    LittleEndianReader in = LittleEndianReader.of(new byte[4]);
    in.u16("half");
    BinaryFormatException trailing =
        assertThrows(BinaryFormatException.class, () -> in.expectEnd("blob"));
    assertEquals("offset 2: 2 bytes after the blob", trailing.getMessage());
    assertFalse(trailing.truncated());
    assertEquals("offset 5: position is outside the 4 readable bytes",
        assertThrows(BinaryFormatException.class, () -> in.seek(5)).getMessage());
    assertEquals(0, in.seek(0).position());
    assertEquals("offset 0: count needs -1 bytes but only 4 remain",
        assertThrows(BinaryFormatException.class, () -> in.bytes(-1, "count")).getMessage());
  }

  @Test
  void aNarrowedReaderStopsAtItsEnd() throws Exception {
    LittleEndianReader in = LittleEndianReader.of(HEX.parseHex("0102030405060708"));
    in.seek(2);
    LittleEndianReader inner = in.upTo(4, "ACE");
    assertEquals(0x0403, inner.u16("mask"));
    assertEquals("offset 4: flags needs 1 bytes but only 0 remain",
        assertThrows(BinaryFormatException.class, () -> inner.u8("flags")).getMessage());
    assertEquals("offset 2: ACE needs 7 bytes but only 6 remain",
        assertThrows(BinaryFormatException.class, () -> in.upTo(9, "ACE")).getMessage());
  }

  @Test
  void lengthsMustFitWhatFollows() throws Exception {
    byte[] bytes = new LittleEndianWriter().u32(3).bytes(new byte[] {1, 2, 3}).toByteArray();
    LittleEndianReader in = LittleEndianReader.of(bytes);
    assertEquals(3, in.u32Length(1, "name length"));
    byte[] tooLong = new LittleEndianWriter().u32(2).u16(0).u16(0).toByteArray();
    BinaryFormatException e = assertThrows(BinaryFormatException.class,
        () -> LittleEndianReader.of(tooLong).u32Length(4, "array count"));
    assertEquals("offset 0: array count is 2 elements of 4 bytes but only 4 bytes remain after it",
        e.getMessage());
    assertTrue(e.truncated());
  }

  @Test
  void alignmentPadsAndSkipsToTheBoundary() throws Exception {
    byte[] bytes = new LittleEndianWriter().u8(1).align(4).u32(2).align(8).u8(3).align(2)
        .toByteArray();
    assertEquals("0100000002000000" + "0300", HEX.formatHex(bytes));
    LittleEndianReader in = LittleEndianReader.of(bytes);
    assertEquals(1, in.u8());
    assertEquals(2, in.align(4, "conformance").u32());
    assertEquals(3, in.align(8, "pointer").u8());
    in.align(2, "end").expectEnd("stub");
  }

  @Test
  void theWriterRefusesValuesOutsideTheField() {
    assertEquals("256 does not fit an unsigned 8-bit field",
        assertThrows(IllegalArgumentException.class, () -> new LittleEndianWriter().u8(256))
            .getMessage());
    assertEquals("-1 does not fit an unsigned 16-bit field",
        assertThrows(IllegalArgumentException.class, () -> new LittleEndianWriter().u16(-1))
            .getMessage());
    assertEquals("4294967296 does not fit an unsigned 32-bit field",
        assertThrows(IllegalArgumentException.class, () -> new LittleEndianWriter().u32(1L << 32))
            .getMessage());
    assertEquals(4, new LittleEndianWriter().i32(Integer.MIN_VALUE).position());
  }

  @Test
  void binarySidsDecodeStrictly() throws Exception {
    String fifteen = "S-1-5" + "-4294967295".repeat(15);
    assertEquals(Sid.of(fifteen), LittleEndianReader.sidOf(Sid.of(fifteen).toBytes()));
    assertEquals(Sid.of("S-1-5-32-544"),
        LittleEndianReader.sidOf(HEX.parseHex("01020000000000052000000020020000")));
    assertEquals("offset 0: SID needs 16 bytes but only 11 remain", message("0102000000000005200000"));
    assertEquals("offset 0: SID revision 2, expected 1", message("02010000000000050b000000"));
    assertEquals("offset 1: SID has 0 sub-authorities, 1 to 15 are allowed", message("010000000000000b"));
    assertEquals("offset 1: SID has 16 sub-authorities, 1 to 15 are allowed",
        message("0110" + "000000000005" + "00000000".repeat(16)));
    assertEquals("offset 12: 1 bytes after the SID", message("01010000000000050b00000000"));
    assertEquals("offset 0: SID needs 2 bytes but only 1 remain", message("01"));
  }

  private static String message(String hex) {
    return assertThrows(BinaryFormatException.class,
        () -> LittleEndianReader.sidOf(HEX.parseHex(hex))).getMessage();
  }
}
