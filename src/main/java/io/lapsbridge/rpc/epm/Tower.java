package io.lapsbridge.rpc.epm;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import io.lapsbridge.rpc.dce.SyntaxId;

/**
 * A five-floor {@code ncacn_ip_tcp} tower: interface, transfer syntax, connection-oriented RPC
 * (0x0b), TCP port (0x07, big-endian) and IPv4 address (0x09).
 *
 * @param host four IPv4 bytes, zeros in a request
 */
@SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
public record Tower(SyntaxId iface, SyntaxId transfer, int port, byte[] host) {
  static final int UUID_FLOOR = 0x0D;
  static final int RPC_CO = 0x0B;
  static final int TCP = 0x07;
  static final int IP = 0x09;

  public Tower {
    if (port < 0 || port > 0xFFFF || host == null || host.length != 4) {
      throw new IllegalArgumentException("invalid TCP/IP tower");
    }
    host = host.clone();
  }

  @Override
  public byte[] host() {
    return host.clone();
  }

  /** The request form: the interface over NDR, port and address left zero. */
  public static Tower query(SyntaxId iface) {
    return new Tower(iface, SyntaxId.NDR, 0, new byte[4]);
  }

  public byte[] encode() {
    LittleEndianWriter w = new LittleEndianWriter().u16(5);
    uuidFloor(w, iface);
    uuidFloor(w, transfer);
    w.u16(1).u8(RPC_CO).u16(2).u16(0);
    w.u16(1).u8(TCP).u16(2).bytes(new byte[] {(byte) (port >>> 8), (byte) port}); // big-endian
    w.u16(1).u8(IP).u16(4).bytes(host);
    return w.toByteArray();
  }

  private static void uuidFloor(LittleEndianWriter w, SyntaxId s) {
    w.u16(19).u8(UUID_FLOOR).guid(s.uuid()).u16(s.major()).u16(2).u16(s.minor());
  }

  /** Parses a tower; it must be the TCP/IP form with exactly these five floors. */
  public static Tower parse(byte[] bytes) throws RpcException {
    try {
      return read(LittleEndianReader.of(bytes));
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("protocol tower", e);
    }
  }

  private static Tower read(LittleEndianReader r) throws RpcException, BinaryFormatException {
    int floors = r.u16();
    if (floors != 5) {
      throw RpcException.malformed("tower has " + floors + " floors, not the 5 of ncacn_ip_tcp");
    }
    SyntaxId iface = uuidFloor(r);
    SyntaxId transfer = uuidFloor(r);
    expectFloor(r, RPC_CO, 2);
    r.u16();
    expectFloor(r, TCP, 2);
    int port = r.u8("TCP port") << 8 | r.u8("TCP port"); // big-endian
    expectFloor(r, IP, 4);
    byte[] host = r.bytes(4, "the IPv4 address");
    return new Tower(iface, transfer, port, host);
  }

  private static SyntaxId uuidFloor(LittleEndianReader r)
      throws RpcException, BinaryFormatException {
    if (r.u16() != 19 || r.u8() != UUID_FLOOR) {
      throw RpcException.malformed("tower floor is not a 19-byte UUID floor");
    }
    java.util.UUID uuid = r.guid();
    int major = r.u16();
    if (r.u16() != 2) {
      throw RpcException.malformed("tower UUID floor's right side is not 2 bytes");
    }
    return new SyntaxId(uuid, major, r.u16());
  }

  private static void expectFloor(LittleEndianReader r, int protocol, int rhsLength)
      throws RpcException, BinaryFormatException {
    if (r.u16() != 1 || r.u8() != protocol || r.u16() != rhsLength) {
      throw RpcException.malformed(
          "tower floor is not protocol 0x" + Integer.toHexString(protocol));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tower t && java.util.Arrays.equals(encode(), t.encode());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "Tower[" + iface + " port " + port + "]";
  }
}
