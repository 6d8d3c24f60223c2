package io.lapsbridge.rpc.gkdi;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import io.lapsbridge.rpc.dce.SyntaxId;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The in-parameters of {@code GetKey} (MS-GKDI 3.1.4.1), encoded in NDR 2.0 from the IDL:
 * {@code ULONG cbTargetSD; [size_is(cbTargetSD)] [ref] char* pbTargetSD; [unique] GUID*
 * pRootKeyID; LONG L0KeyID, L1KeyID, L2KeyID}. The conformant array carries its max count
 * before the bytes; the unique pointer is a referent id (0 for null) followed by the GUID.
 *
 * @param rootKeyId absent to let the server pick (the public-key request)
 * @param l0 -1 with l1 and l2 -1 asks for the current interval
 */
@SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
public record GetKeyRequest(byte[] targetSd, Optional<UUID> rootKeyId, int l0, int l1, int l2) {
  public static final SyntaxId ISDKEY =
      new SyntaxId(UUID.fromString("b9785960-524f-11df-8b6d-83dcded72085"), 1, 0);
  public static final int OPNUM = 0;
  /** Any non-zero value marks a present unique pointer. */
  private static final int REFERENT_ID = 0x0002_0000;
  /** Security descriptors are at most 64 KB in Windows. */
  private static final int MAX_SD = 0x10000;

  public GetKeyRequest {
    if (targetSd == null || targetSd.length == 0 || targetSd.length > MAX_SD) {
      throw new IllegalArgumentException("target security descriptor must be 1..65536 bytes");
    }
    targetSd = targetSd.clone();
  }

  /** The request Windows clients make to encrypt: no root key, L0 = L1 = L2 = -1. */
  public static GetKeyRequest publicKey(byte[] targetSd) {
    return new GetKeyRequest(targetSd, Optional.empty(), -1, -1, -1);
  }

  public boolean isPublicKeyRequest() {
    return l0 == -1 && l1 == -1 && l2 == -1;
  }

  @Override
  public byte[] targetSd() {
    return targetSd.clone();
  }

  public byte[] encode() {
    LittleEndianWriter w =
        new LittleEndianWriter().u32(targetSd.length).u32(targetSd.length).bytes(targetSd).align(4);
    if (rootKeyId.isPresent()) {
      w.u32(REFERENT_ID).guid(rootKeyId.get());
    } else {
      w.u32(0);
    }
    return w.i32(l0).i32(l1).i32(l2).toByteArray();
  }

  public static GetKeyRequest parse(byte[] stub) throws RpcException {
    try {
      return read(LittleEndianReader.of(stub));
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("GetKey request", e);
    }
  }

  private static GetKeyRequest read(LittleEndianReader r)
      throws RpcException, BinaryFormatException {
    long cb = r.u32();
    long max = r.u32();
    if (cb != max || cb == 0 || cb > MAX_SD || cb > r.remaining()) {
      throw RpcException.malformed(
          "GetKey request's cbTargetSD " + cb + " disagrees with its array (" + max + ")");
    }
    byte[] sd = r.bytes((int) cb, "the target SD");
    r.align(4, "NDR");
    Optional<UUID> root = r.u32() == 0 ? Optional.empty() : Optional.of(r.guid());
    int l0 = (int) r.u32();
    int l1 = (int) r.u32();
    int l2 = (int) r.u32();
    r.expectEnd("GetKey request");
    return new GetKeyRequest(sd, root, l0, l1, l2);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GetKeyRequest g && Arrays.equals(encode(), g.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "GetKeyRequest[root=" + rootKeyId.map(UUID::toString).orElse("any") + ", L0=" + l0
        + ", L1=" + l1 + ", L2=" + l2 + "]";
  }
}
