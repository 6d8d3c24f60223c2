package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.rpc.RpcException;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AV_PAIR list of MS-NLMP 2.2.2.1 (the CHALLENGE's TargetInfo, echoed in the NTLMv2 client
 * challenge), ending with MsvAvEOL.
 */
public record AvPairs(List<AvPair> pairs) {
  public static final int EOL = 0;
  public static final int NB_COMPUTER_NAME = 1;
  public static final int NB_DOMAIN_NAME = 2;
  public static final int DNS_COMPUTER_NAME = 3;
  public static final int DNS_DOMAIN_NAME = 4;
  public static final int DNS_TREE_NAME = 5;
  public static final int FLAGS = 6;
  public static final int TIMESTAMP = 7;
  public static final int TARGET_NAME = 9;
  /** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
  public static final int FLAG_MIC_PRESENT = 0x2;

  /** One pair; EOL is implied and never stored. */
  @SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
  public record AvPair(int id, byte[] value) {
    public AvPair {
      if (id <= EOL || id > 0xFFFF || value == null || value.length > 0xFFFF) {
        throw new IllegalArgumentException("invalid AV pair");
      }
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    public static AvPair text(int id, String s) {
      return new AvPair(id, s.getBytes(StandardCharsets.UTF_16LE));
    }
  }

  public AvPairs {
    pairs = List.copyOf(pairs);
  }

  public static AvPairs of(AvPair... pairs) {
    return new AvPairs(List.of(pairs));
  }

  public Optional<byte[]> find(int id) {
    for (AvPair p : pairs) {
      if (p.id() == id) {
        return Optional.of(p.value());
      }
    }
    return Optional.empty();
  }

  /** The server's FILETIME, when it sent one. */
  public Optional<Long> timestamp() throws RpcException {
    Optional<byte[]> raw = find(TIMESTAMP);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    if (raw.get().length != 8) {
      throw RpcException.malformed("NTLM MsvAvTimestamp is not 8 bytes");
    }
    try {
      return Optional.of(LittleEndianReader.of(raw.get()).u64("MsvAvTimestamp"));
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("NTLM MsvAvTimestamp", e);
    }
  }

  /** MsvAvFlags, 0 when absent. */
  public int flags() throws RpcException {
    Optional<byte[]> raw = find(FLAGS);
    if (raw.isEmpty()) {
      return 0;
    }
    if (raw.get().length != 4) {
      throw RpcException.malformed("NTLM MsvAvFlags is not 4 bytes");
    }
    try {
      return (int) LittleEndianReader.of(raw.get()).u32("MsvAvFlags");
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("NTLM MsvAvFlags", e);
    }
  }

  /** A copy with MsvAvFlags set to {@code flags}, in place of any earlier one. */
  public AvPairs withFlags(int flags) {
    List<AvPair> out = new ArrayList<>();
    for (AvPair p : pairs) {
      if (p.id() != FLAGS) {
        out.add(p);
      }
    }
    out.add(new AvPair(FLAGS, new LittleEndianWriter().i32(flags).toByteArray()));
    return new AvPairs(out);
  }

  public byte[] encode() {
    LittleEndianWriter w = new LittleEndianWriter();
    for (AvPair p : pairs) {
      byte[] v = p.value();
      w.u16(p.id()).u16(v.length).bytes(v);
    }
    return w.u16(EOL).u16(0).toByteArray();
  }

  /** Parses up to and including MsvAvEOL; bytes after it are left to the caller. */
  static AvPairs read(LittleEndianReader r) throws RpcException, BinaryFormatException {
    List<AvPair> pairs = new ArrayList<>();
    while (true) {
      int id = r.u16("AV pair id");
      int len = r.u16("AV pair length");
      byte[] value = r.bytes(len, "an AV pair value");
      if (id == EOL) {
        if (len != 0) {
          throw RpcException.malformed("NTLM MsvAvEOL has a value");
        }
        return new AvPairs(pairs);
      }
      if (pairs.size() >= 64) {
        throw RpcException.malformed("NTLM target info has more than 64 AV pairs");
      }
      pairs.add(new AvPair(id, value));
    }
  }

  public static AvPairs parse(byte[] bytes) throws RpcException {
    try {
      LittleEndianReader r = LittleEndianReader.of(bytes);
      AvPairs pairs = read(r);
      r.expectEnd("NTLM target info");
      return pairs;
    } catch (BinaryFormatException e) {
      throw RpcException.malformed("NTLM target info", e);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("AvPairs[");
    for (AvPair p : pairs) {
      s.append(p.id()).append(' ');
    }
    return s.append(']').toString();
  }
}
