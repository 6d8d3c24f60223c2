package io.lapsbridge.rpc.epm;

import io.lapsbridge.rpc.ByteCursor;
import io.lapsbridge.rpc.RpcException;
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
    return new ByteCursor.Writer()
        .u32(1).guid(new UUID(0, 0)) // obj: a non-null pointer to the nil UUID
        .u32(2).u32(octets.length).u32(octets.length).put(octets).align(4)
        .zeros(20) // entry_handle: a null context handle
        .u32(MAX_TOWERS)
        .toByteArray();
  }

  /** The map request a server received: the tower asked about. */
  public static Tower parseRequest(byte[] stub) throws RpcException {
    ByteCursor.Reader r = new ByteCursor.Reader(stub, "ept_map request");
    if (r.u32() != 0) {
      r.skip(16);
    }
    if (r.u32() == 0) {
      throw RpcException.malformed("ept_map request has no tower");
    }
    int max = r.count("tower max count", 1);
    int length = r.count("tower length", 1);
    if (length > max) {
      throw RpcException.malformed("ept_map tower length exceeds its max count");
    }
    return Tower.parse(r.take(length, "the tower"));
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
    ByteCursor.Writer w = new ByteCursor.Writer().zeros(20).u32(result.towers().size());
    w.u32(MAX_TOWERS).u32(0).u32(result.towers().size());
    for (int i = 0; i < result.towers().size(); i++) {
      w.u32(3 + i);
    }
    for (Tower t : result.towers()) {
      byte[] octets = t.encode();
      w.u32(octets.length).u32(octets.length).put(octets).align(4);
    }
    return w.u32(result.status()).toByteArray();
  }

  public static Result parseResponse(byte[] stub) throws RpcException {
    ByteCursor.Reader r = new ByteCursor.Reader(stub, "ept_map response");
    r.skip(20);
    long count = r.u32();
    int max = r.count("tower array max count", 4);
    long offset = r.u32();
    int actual = r.count("tower array actual count", 4);
    if (offset != 0 || actual > max || actual != count) {
      throw RpcException.malformed("ept_map response tower array counts disagree");
    }
    int[] referents = new int[actual];
    for (int i = 0; i < actual; i++) {
      referents[i] = r.i32();
    }
    List<Tower> towers = new ArrayList<>();
    for (int referent : referents) {
      if (referent == 0) {
        continue;
      }
      int conformance = r.count("tower max count", 1);
      int length = r.count("tower length", 1);
      if (length > conformance) {
        throw RpcException.malformed("ept_map tower length exceeds its max count");
      }
      towers.add(Tower.parse(r.take(length, "a tower")));
      r.align(4);
    }
    int status = r.i32();
    r.expectEnd();
    return new Result(towers, status);
  }
}
