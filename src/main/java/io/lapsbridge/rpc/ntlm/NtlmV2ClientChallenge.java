package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.rpc.ByteCursor;
import io.lapsbridge.rpc.RpcException;

/**
 * NTLMv2_CLIENT_CHALLENGE (MS-NLMP 2.2.2.7), the "blob" after NTProofStr in the NT response:
 * RespType 1, HiRespType 1, reserved zeros, the time, the client challenge, reserved zeros and
 * the AV pairs up to MsvAvEOL.
 *
 * @param time FILETIME ticks: the server's MsvAvTimestamp when it sent one
 * @param clientChallenge 8 random bytes
 */
public record NtlmV2ClientChallenge(long time, byte[] clientChallenge, AvPairs avPairs) {
  /** Windows sends four zero bytes after MsvAvEOL (3.3.2's trailing Z(4)); they are signed too. */
  static final int WINDOWS_TRAILER = 4;

  public NtlmV2ClientChallenge {
    if (clientChallenge == null || clientChallenge.length != 8 || avPairs == null) {
      throw new IllegalArgumentException("client challenge must be 8 bytes with AV pairs");
    }
    clientChallenge = clientChallenge.clone();
  }

  @Override
  public byte[] clientChallenge() {
    return clientChallenge.clone();
  }

  /** The structure exactly as 2.2.2.7 defines it, ending at MsvAvEOL. */
  public byte[] encode() {
    return new ByteCursor.Writer()
        .u8(1).u8(1).zeros(6)
        .u64(time)
        .put(clientChallenge)
        .zeros(4)
        .put(avPairs.encode())
        .toByteArray();
  }

  /** What goes on the wire: {@link #encode()} plus Windows' four trailing zero bytes. */
  byte[] encodeAsWindowsSends() {
    return new ByteCursor.Writer().put(encode()).zeros(WINDOWS_TRAILER).toByteArray();
  }

  /** Parses the blob after NTProofStr; anything after MsvAvEOL is ignored but stays signed. */
  public static NtlmV2ClientChallenge parse(byte[] blob) throws RpcException {
    ByteCursor.Reader r = new ByteCursor.Reader(blob, "NTLMv2 client challenge");
    int type = r.u8();
    int hiType = r.u8();
    if (type != 1 || hiType != 1) {
      throw RpcException.malformed("NTLMv2 client challenge has response type " + type);
    }
    r.skip(6);
    long time = r.u64();
    byte[] challenge = r.take(8, "the client challenge");
    r.skip(4);
    return new NtlmV2ClientChallenge(time, challenge, AvPairs.parse(r));
  }

  @Override
  public String toString() {
    return "NtlmV2ClientChallenge[time=" + time + ", " + avPairs + "]";
  }
}
