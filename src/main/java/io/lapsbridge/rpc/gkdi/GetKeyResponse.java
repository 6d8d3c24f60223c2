package io.lapsbridge.rpc.gkdi;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * The out-parameters of {@code GetKey}: {@code unsigned long* pcbOut; [size_is(, *pcbOut)] byte**
 * ppbOut} and the HRESULT. {@code ppbOut} is an embedded unique pointer (referent id, then the
 * conformant array's max count and bytes); a refusal has a failure HRESULT and a null pointer.
 *
 * @param envelope the Group Key Envelope bytes; never printed
 */
public record GetKeyResponse(int hresult, Optional<byte[]> envelope) {
  private static final int REFERENT_ID = 0x0002_0000;
  /** Envelopes are a few hundred bytes (2 KB with DH parameters); anything near 1 MB is noise. */
  private static final int MAX_ENVELOPE = 1 << 20;

  public GetKeyResponse {
    envelope = envelope.map(byte[]::clone);
  }

  public static GetKeyResponse success(byte[] envelope) {
    return new GetKeyResponse(Hresult.S_OK, Optional.of(envelope));
  }

  public static GetKeyResponse refused(int hresult) {
    return new GetKeyResponse(hresult, Optional.empty());
  }

  @Override
  public Optional<byte[]> envelope() {
    return envelope.map(byte[]::clone);
  }

  public byte[] encode() {
    LittleEndianWriter w = new LittleEndianWriter();
    if (envelope.isPresent()) {
      byte[] e = envelope.get();
      w.u32(e.length).u32(REFERENT_ID).u32(e.length).bytes(e).align(4);
    } else {
      w.u32(0).u32(0);
    }
    return w.i32(hresult).toByteArray();
  }

  public static GetKeyResponse parse(byte[] stub) throws RpcException {
    try {
      return read(LittleEndianReader.of(stub));
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("GetKey response", e);
    }
  }

  private static GetKeyResponse read(LittleEndianReader r)
      throws RpcException, BinaryFormatException {
    long cb = r.u32();
    Optional<byte[]> envelope = Optional.empty();
    if (r.u32() != 0) {
      long max = r.u32();
      if (max != cb || cb > MAX_ENVELOPE) {
        throw RpcException.malformed(
            "GetKey response's pcbOut " + cb + " disagrees with its array (" + max + ")");
      }
      envelope = Optional.of(r.bytes((int) cb, "the group key envelope"));
      r.align(4, "NDR");
    }
    int hresult = (int) r.u32();
    r.expectEnd("GetKey response");
    return new GetKeyResponse(hresult, envelope);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GetKeyResponse g && Arrays.equals(encode(), g.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "GetKeyResponse[" + Hresult.describe(hresult) + ", "
        + envelope.map(e -> e.length + "-byte envelope").orElse("no envelope") + "]";
  }
}
