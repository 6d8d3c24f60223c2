package io.lapsbridge.rpc.gkdi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.rpc.dce.SyntaxId;
import io.lapsbridge.rpc.epm.EptMap;
import io.lapsbridge.rpc.epm.Tower;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * NDR 2.0 stubs written out by hand from the IDL (MS-GKDI 3.1.4.1, C706 appendix L / MS-RPCE
 * 2.2.1.2) and compared byte for byte, in both directions.
 */
class NdrGoldenBytesTest {
  private static final byte[] SD = {1, 2, 3, 4, 5};
  private static final UUID ROOT = UUID.fromString("7c1b9a52-3f0e-4d6a-9b1e-5a2f8c4d6e01");

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s|\\|", ""));
  }

  @Test
  void getKeyRequestWithRootKey() throws Exception {
    byte[] golden =
        hex("05000000" // cbTargetSD
            + "05000000" // [size_is(cbTargetSD)] max count
            + "0102030405 000000" // the bytes, then alignment to 4 for the pointer
            + "00000200" // [unique] GUID*: a non-zero referent id
            + "529a1b7c 0e3f 6a4d 9b1e 5a2f8c4d6e01" // GUID: Data1..3 little-endian
            + "69010000 11000000 08000000"); // L0 361, L1 17, L2 8
    GetKeyRequest request = new GetKeyRequest(SD, Optional.of(ROOT), 361, 17, 8);
    assertArrayEquals(golden, request.encode());
    assertEquals(request, GetKeyRequest.parse(golden));
  }

  @Test
  void publicKeyRequestHasANullRootKeyAndMinusOnes() throws Exception {
    byte[] golden =
        hex("05000000 05000000 0102030405 000000"
            + "00000000" // null unique pointer: no GUID follows
            + "ffffffff ffffffff ffffffff");
    assertArrayEquals(golden, GetKeyRequest.publicKey(SD).encode());
    assertEquals(GetKeyRequest.publicKey(SD), GetKeyRequest.parse(golden));
  }

  @Test
  void getKeyResponses() throws Exception {
    byte[] success =
        hex("03000000" // *pcbOut
            + "00000200" // *ppbOut: referent id of the embedded pointer
            + "03000000 aabbcc 00" // conformant array: max count, bytes, alignment
            + "00000000"); // S_OK
    GetKeyResponse ok = GetKeyResponse.success(new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC});
    assertArrayEquals(success, ok.encode());
    assertEquals(ok, GetKeyResponse.parse(success));

    byte[] refused = hex("00000000 00000000 05000780"); // null envelope, E_ACCESSDENIED
    assertArrayEquals(refused, GetKeyResponse.refused(Hresult.E_ACCESSDENIED).encode());
    assertEquals(GetKeyResponse.refused(Hresult.E_ACCESSDENIED), GetKeyResponse.parse(refused));
  }

  /** The ISDKey tower: 5 floors, 75 bytes. */
  static final String ISDKEY_TOWER =
      "0500" // floor count
          + "1300 0d 605978b9 4f52 df11 8b6d 83dcded72085 0100 | 0200 0000" // ISDKey v1 . 0
          + "1300 0d 045d888a eb1c c911 9fe8 08002b104860 0200 | 0200 0000" // NDR v2 . 0
          + "0100 0b | 0200 0000" // connection-oriented RPC
          + "0100 07 | 0200 0000" // TCP port (big-endian), 0 in a request
          + "0100 09 | 0400 00000000"; // IPv4 address

  @Test
  void eptMapRequestForIsdKey() throws Exception {
    byte[] golden =
        hex("01000000 00000000000000000000000000000000" // obj: pointer to the nil UUID
            + "02000000" // map_tower referent id
            + "4b000000 4b000000" // twr_t: conformance (75), tower_length (75)
            + ISDKEY_TOWER + "00" // octets, aligned to 4
            + "00000000 00000000000000000000000000000000" // entry_handle: null context handle
            + "04000000"); // max_towers
    assertEquals(75, hex(ISDKEY_TOWER).length);
    assertArrayEquals(golden, EptMap.request(Tower.query(GetKeyRequest.ISDKEY)));
    assertEquals(Tower.query(GetKeyRequest.ISDKEY), EptMap.parseRequest(golden));
  }

  @Test
  void eptMapResponseWithOneTower() throws Exception {
    String tower =
        ISDKEY_TOWER.replace("0100 07 | 0200 0000", "0100 07 | 0200 c350")
            .replace("0400 00000000", "0400 7f000001");
    byte[] golden =
        hex("00000000 00000000000000000000000000000000" // entry_handle
            + "01000000" // num_towers
            + "04000000 00000000 01000000" // max count, offset, actual count
            + "03000000" // referent of tower 1
            + "4b000000 4b000000" + tower + "00" // the tower, aligned
            + "00000000"); // status
    Tower answer =
        new Tower(GetKeyRequest.ISDKEY, SyntaxId.NDR, 50000, new byte[] {127, 0, 0, 1});
    assertArrayEquals(golden, EptMap.response(new EptMap.Result(List.of(answer), 0)));
    EptMap.Result parsed = EptMap.parseResponse(golden);
    assertEquals(List.of(answer), parsed.towers());
    assertEquals(50000, parsed.towers().get(0).port());
  }
}
