package io.lapsbridge.rpc.epm;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import io.lapsbridge.rpc.dce.SyntaxId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code ept_map} (opnum 3 of the endpoint mapper) in NDR 2.0, written from the C706 IDL:
 * {@code [in, ptr] uuid_p_t obj, [in, ptr] twr_p_t map_tower, [in, out] context handle,
 * [in] max_towers; [out] num_towers, [out, ptr, size_is(max_towers), length_is(*num_towers)]
 * twr_p_t towers[], [out] error_status}. A {@code twr_t} is a conformant structure: the array's
 * max count comes first, then {@code tower_length}, then the octets.
 */
public final class EptMap {
  public static final SyntaxId EPM =
      new SyntaxId(UUID.fromString("e1af8308-5d1f-11c9-91a4-08002b14a0fa"), 3, 0);
  public static final int OPNUM = 3;
  /** EPT_S_NOT_REGISTERED: no endpoint for the interface. */
  public static final int NOT_REGISTERED = 0x16C9_A0D6;

  private static final int MAX_TOWERS = 4;

  private EptMap() {}

  /** The request stub asking for {@code tower}'s interface. */
  public static byte[] request(Tower tower) {
    byte[] octets = tower.encode();
    return new LittleEndianWriter()
        .u32(1).guid(new UUID(0, 0)) // obj: a non-null pointer to the nil UUID
        .u32(2).u32(octets.length).u32(octets.length).bytes(octets).align(4)
        .bytes(new byte[20]) // entry_handle: a null context handle
        .u32(MAX_TOWERS)
        .toByteArray();
  }

  /** The map request a server received: the tower asked about. */
  public static Tower parseRequest(byte[] stub) throws RpcException {
    try {
      return readRequest(LittleEndianReader.of(stub));
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("ept_map request", e);
    }
  }

  private static Tower readRequest(LittleEndianReader r)
      throws RpcException, BinaryFormatException {
    if (r.u32() != 0) {
      r.skip(16, "padding");
    }
    if (r.u32() == 0) {
      throw RpcException.malformed("ept_map request has no tower");
    }
    int max = r.u32Length(1, "tower max count");
    int length = r.u32Length(1, "tower length");
    if (length > max) {
      throw RpcException.malformed("ept_map tower length exceeds its max count");
    }
    return Tower.parse(r.bytes(length, "the tower"));
  }

  /**
   * The answer.
   *
   * @param status 0, or {@link #NOT_REGISTERED}
   */
  public record Result(List<Tower> towers, int status) {
    public Result {
      towers = List.copyOf(towers);
    }
  }

  public static byte[] response(Result result) {
    LittleEndianWriter w = new LittleEndianWriter().bytes(new byte[20]).u32(result.towers().size());
    w.u32(MAX_TOWERS).u32(0).u32(result.towers().size());
    for (int i = 0; i < result.towers().size(); i++) {
      w.u32(3 + i);
    }
    for (Tower t : result.towers()) {
      byte[] octets = t.encode();
      w.u32(octets.length).u32(octets.length).bytes(octets).align(4);
    }
    return w.i32(result.status()).toByteArray();
  }

  public static Result parseResponse(byte[] stub) throws RpcException {
    try {
      return readResponse(LittleEndianReader.of(stub));
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("ept_map response", e);
    }
  }

  private static Result readResponse(LittleEndianReader r)
      throws RpcException, BinaryFormatException {
    r.skip(20, "entry_handle");
    long count = r.u32();
    int max = r.u32Length(4, "tower array max count");
    long offset = r.u32();
    int actual = r.u32Length(4, "tower array actual count");
    if (offset != 0 || actual > max || actual != count) {
      throw RpcException.malformed("ept_map response tower array counts disagree");
    }
    int[] referents = new int[actual];
    for (int i = 0; i < actual; i++) {
      referents[i] = (int) r.u32();
    }
    List<Tower> towers = new ArrayList<>();
    for (int referent : referents) {
      if (referent == 0) {
        continue;
      }
      int conformance = r.u32Length(1, "tower max count");
      int length = r.u32Length(1, "tower length");
      if (length > conformance) {
        throw RpcException.malformed("ept_map tower length exceeds its max count");
      }
      towers.add(Tower.parse(r.bytes(length, "a tower")));
      r.align(4, "NDR");
    }
    int status = (int) r.u32();
    r.expectEnd("ept_map response");
    return new Result(towers, status);
  }
}
