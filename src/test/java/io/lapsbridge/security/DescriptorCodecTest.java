package io.lapsbridge.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.WindowsGuid;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Binary and SDDL forms, checked against bytes derived by hand from MS-DTYP. */
class DescriptorCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String DA = "S-1-5-21-1004336348-1177238915-682003330-512";
  private static final String COMPUTER = "bf967a86-0de6-11d0-a285-00aa003049e2";
  private static final String PWD = "8d3a5f2e-6a3c-4b8e-9a1f-2c7d0e4b5a61";

  /** SDDL strings shaped like AD's default OU descriptors and what the LAPS cmdlets add. */
  static final String[] GOLDEN = {
    "O:PSD:(A;;RP;;;WD)",
    "O:" + DA + "G:" + DA + "D:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + DA + ")(A;;LCRPLORC;;;AU)"
        + "(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)(A;;CCDC;;;AO)(A;CIID;LCRPLORC;;;ED)",
    "O:" + DA + "G:" + DA + "D:AI(OA;CIIO;RPWP;" + PWD + ";" + COMPUTER + ";PS)(OA;CIIO;WP;" + PWD + ";"
        + COMPUTER + ";PS)(A;CIID;GA;;;BA)",
    "D:P(OD;CI;CR;" + PWD + ";;AU)(OA;;RPCR;" + PWD + ";;S-1-5-21-1-2-3-1106)",
    "D:ARAI(A;NP;0x1000000;;;SY)S:P(OU;CIIOSAFA;CR;" + PWD + ";" + COMPUTER + ";WD)(AU;SA;WDWO;;;WD)",
    "G:SYD:NO_ACCESS_CONTROL",
    "O:BAD:S:",
    "D:(OA;;CR;;" + COMPUTER + ";RU)(OA;CI;RP;" + PWD + ";;BU)",
  };

  @Test
  void aSmallDescriptorHasTheBytesMsDtypDescribes() throws Exception {
    String expected =
        "01000480" + "30000000" + "00000000" + "00000000" + "14000000" // header: owner at 48, DACL at 20
            + "02001c0001000000" // ACL revision 2, 28 bytes, 1 ACE
            + "00001400" + "10000000" + "010100000000000100000000" // A;;RP;;;WD
            + "01010000000000050a000000"; // owner S-1-5-10
    SecurityDescriptor sd = Sddl.parse("O:PSD:(A;;RP;;;WD)");
    assertEquals(expected, HEX.formatHex(sd.toBytes()));
    assertEquals("O:PSD:(A;;RP;;;WD)", SecurityDescriptor.fromBytes(HEX.parseHex(expected)).toSddl());
  }

  @Test
  void anObjectAceCarriesFlagsAndBothGuidsInWindowsOrder() throws Exception {
    Ace ace = Sddl.parseAce("(OA;CIIO;RPCR;" + PWD + ";" + COMPUTER + ";PS)");
    SecurityDescriptor sd = new SecurityDescriptor(SecurityDescriptor.SELF_RELATIVE | SecurityDescriptor.DACL_PRESENT,
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.of(Acl.of(java.util.List.of(ace))));
    String expected = "01000480" + "00000000" + "00000000" + "00000000" + "14000000"
        + "0400400001000000" // revision 4 (object ACEs), 64 bytes, 1 ACE
        + "050a3800" + "10010000" + "03000000" // OA, CI|IO, 56 bytes; RP|CR; both GUIDs present
        + "2e5f3a8d3c6a8e4b9a1f2c7d0e4b5a61" // ms-Mcs-AdmPwd fixture GUID, Windows byte order
        + "867a96bfe60dd011a28500aa003049e2" // computer class
        + "01010000000000050a000000"; // S-1-5-10
    assertEquals(expected, HEX.formatHex(sd.toBytes()));
    assertEquals(sd, SecurityDescriptor.fromBytes(HEX.parseHex(expected)));
    assertEquals(64 + 20, sd.toBytes().length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void goldenDescriptorsRoundTripByteForByteAndTextForText(int index) throws Exception {
    String sddl = GOLDEN[index];
    SecurityDescriptor parsed = Sddl.parse(sddl);
    assertEquals(sddl, parsed.toSddl());
    byte[] bytes = parsed.toBytes();
    SecurityDescriptor decoded = SecurityDescriptor.fromBytes(bytes);
    assertEquals(parsed, decoded);
    assertArrayEquals(bytes, decoded.toBytes());
    assertEquals(sddl, Sddl.parse(decoded.toSddl()).toSddl());
  }

  @Test
  void truncationIsReportedWithTheOffset() throws Exception {
    byte[] bytes = Sddl.parse(GOLDEN[0]).toBytes();
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    SecurityFormatException e = assertThrows(SecurityFormatException.class, () -> SecurityDescriptor.fromBytes(cut));
    assertEquals("offset 48: SID needs 12 bytes but only 11 remain", e.getMessage());
    assertEquals(48, e.position());
  }

  @Test
  void inconsistentSizesAndFlagsAreRejected() throws Exception {
    byte[] bytes = Sddl.parse(GOLDEN[0]).toBytes();
    byte[] aceTooBig = bytes.clone();
    aceTooBig[30] = 0x18; // ACE size 24 in a 28-byte ACL
    assertEquals("offset 30: ACE size 24 does not fit the ACL (20 bytes left)",
        assertThrows(SecurityFormatException.class, () -> SecurityDescriptor.fromBytes(aceTooBig)).getMessage());
    byte[] noDaclFlag = bytes.clone();
    noDaclFlag[2] = 0x00;
    assertEquals("offset 16: DACL offset set but DACL_PRESENT is not",
        assertThrows(SecurityFormatException.class, () -> SecurityDescriptor.fromBytes(noDaclFlag)).getMessage());
    byte[] notSelfRelative = bytes.clone();
    notSelfRelative[3] = 0x00;
    assertEquals("offset 2: descriptor is not self-relative",
        assertThrows(SecurityFormatException.class, () -> SecurityDescriptor.fromBytes(notSelfRelative)).getMessage());
    byte[] trailing = java.util.Arrays.copyOf(bytes, bytes.length + 4);
    assertEquals("offset 60: 4 bytes after the descriptor",
        assertThrows(SecurityFormatException.class, () -> SecurityDescriptor.fromBytes(trailing)).getMessage());
    byte[] badType = bytes.clone();
    badType[28] = 0x0b;
    assertEquals("offset 28: unsupported ACE type 0xb",
        assertThrows(SecurityFormatException.class, () -> SecurityDescriptor.fromBytes(badType)).getMessage());
  }

  @Test
  void sddlErrorsNameThePosition() {
    assertEquals("SDDL position 6: unknown right in 'XX'",
        assertThrows(SecurityFormatException.class, () -> Sddl.parse("D:(A;;XX;;;WD)")).getMessage());
    assertEquals("SDDL position 13: unknown SID alias 'DA' (domain-relative aliases need the full SID)",
        assertThrows(SecurityFormatException.class, () -> Sddl.parse("D:(A;;RPWP;;;DA)")).getMessage());
    assertEquals("SDDL position 0: expected O:, G:, D: or S:",
        assertThrows(SecurityFormatException.class, () -> Sddl.parse("X:")).getMessage());
    assertEquals("SDDL position 9: A ACEs take no GUIDs",
        assertThrows(SecurityFormatException.class, () -> Sddl.parse("D:(A;;RP;" + PWD + ";;WD)")).getMessage());
  }

  @Test
  void sidsAndGuidsRoundTrip() throws Exception {
    Sid sid = Sid.of(DA);
    assertEquals(DA, sid.toString());
    assertEquals(sid, LittleEndianReader.sidOf(sid.toBytes()));
    assertEquals(512L, sid.rid());
    assertEquals("010500000000000515000000dcf4dc3b833d2b46828ba62800020000", HEX.formatHex(sid.toBytes()));
    UUID guid = UUID.randomUUID();
    assertEquals(guid, WindowsGuid.decode(WindowsGuid.encode(guid)));
    assertEquals(java.util.Optional.empty(), Sid.parse("S-1-5-x"));
  }
}
