package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;

/**
 * NTLMv2_CLIENT_CHALLENGE (MS-NLMP 2.2.2.7), the "blob" after NTProofStr in the NT response:
 * RespType 1, HiRespType 1, reserved zeros, the time, the client challenge, reserved zeros and
 * the AV pairs up to MsvAvEOL.
 *
 * @param time FILETIME ticks: the server's MsvAvTimestamp when it sent one
 * @param clientChallenge 8 random bytes
 */
@SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
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
    return new LittleEndianWriter()
        .u8(1).u8(1).bytes(new byte[6])
        .u64(time)
        .bytes(clientChallenge)
        .bytes(new byte[4])
        .bytes(avPairs.encode())
        .toByteArray();
  }

  /** What goes on the wire: {@link #encode()} plus Windows' four trailing zero bytes. */
  byte[] encodeAsWindowsSends() {
    return new LittleEndianWriter().bytes(encode()).bytes(new byte[WINDOWS_TRAILER]).toByteArray();
  }

  /** Parses the blob after NTProofStr; anything after MsvAvEOL is ignored but stays signed. */
  public static NtlmV2ClientChallenge parse(byte[] blob) throws RpcException {
    try {
      LittleEndianReader r = LittleEndianReader.of(blob);
      int type = r.u8("RespType");
      int hiType = r.u8("HiRespType");
      if (type != 1 || hiType != 1) {
        throw RpcException.malformed("NTLMv2 client challenge has response type " + type);
      }
      r.skip(6, "reserved");
      long time = r.u64("TimeStamp");
      byte[] challenge = r.bytes(8, "ChallengeFromClient");
      r.skip(4, "reserved");
      return new NtlmV2ClientChallenge(time, challenge, AvPairs.read(r));
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("NTLMv2 client challenge", e);
    }
  }

  @Override
  public String toString() {
    return "NtlmV2ClientChallenge[time=" + time + ", " + avPairs + "]";
  }
}
