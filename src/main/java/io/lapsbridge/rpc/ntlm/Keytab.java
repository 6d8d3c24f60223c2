package io.lapsbridge.rpc.ntlm;

import io.lapsbridge.rpc.RpcException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The keys of an MIT keytab (format 0x0502, big-endian), for one purpose: an account's RC4-HMAC
 * key (enctype 23) is its NT hash (RFC 4757), so a machine whose keytab holds one can bind NTLM
 * as itself without its password. AES-only keytabs, the default on current Windows and realmd
 * joins, have none. Pure: the caller reads the file (root-only) and hands the bytes over.
 */
public final class Keytab {
  /** RFC 4757 arcfour-hmac-md5. */
  public static final int ENCTYPE_RC4_HMAC = 23;

  /**
   * One key.
   *
   * @param principal {@code component/component@REALM}
   * @param key the key bytes; never printed
   */
  @SuppressWarnings("ArrayRecordComponent") // bytes copied in and out; never by reference
  public record Entry(String principal, int kvno, int enctype, byte[] key) {
    public Entry {
      key = key.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public String toString() {
      return "Keytab.Entry[" + principal + ", kvno " + kvno + ", enctype " + enctype + "]";
    }
  }

  private Keytab() {}

  public static List<Entry> parse(byte[] bytes) throws RpcException {
    ByteBuffer in = ByteBuffer.wrap(bytes); // big-endian
    try {
      if (in.get() != 0x05 || in.get() != 0x02) {
        throw RpcException.malformed("not an MIT keytab of version 0x0502");
      }
      List<Entry> entries = new ArrayList<>();
      while (in.remaining() >= 4) {
        int size = in.getInt();
        if (size < 0) {
          skip(in, -size); // a deleted entry
          continue;
        }
        if (size == 0 || size > in.remaining()) {
          throw RpcException.malformed("keytab entry of " + size + " bytes overruns the file");
        }
        ByteBuffer entry = in.slice().limit(size);
        skip(in, size);
        entries.add(entry(entry));
      }
      return entries;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw RpcException.malformed("keytab ends inside an entry");
    }
  }

  /** The NT hash of {@code principal} (case-insensitive): its newest RC4-HMAC key. */
  public static Optional<byte[]> ntHash(List<Entry> entries, String principal) {
    return entries.stream()
        .filter(e -> e.enctype() == ENCTYPE_RC4_HMAC && e.key.length == 16)
        .filter(e -> e.principal().toLowerCase(Locale.ROOT)
            .equals(principal.toLowerCase(Locale.ROOT)))
        .max(Comparator.comparingInt(Entry::kvno))
        .map(Entry::key);
  }

  private static Entry entry(ByteBuffer e) throws RpcException {
    int components = Short.toUnsignedInt(e.getShort());
    String realm = text(e);
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < components; i++) {
      name.append(i == 0 ? "" : "/").append(text(e));
    }
    e.getInt(); // name type
    e.getInt(); // timestamp
    int kvno = Byte.toUnsignedInt(e.get());
    int enctype = Short.toUnsignedInt(e.getShort());
    int length = Short.toUnsignedInt(e.getShort());
    byte[] key = new byte[length];
    e.get(key);
    if (e.remaining() >= 4) {
      int kvno32 = e.getInt(); // the 32-bit kvno, when present, wins over the 8-bit one
      if (kvno32 != 0) {
        kvno = kvno32;
      }
    }
    return new Entry(name + "@" + realm, kvno, enctype, key);
  }

  private static String text(ByteBuffer e) {
    byte[] b = new byte[Short.toUnsignedInt(e.getShort())];
    e.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void skip(ByteBuffer in, int n) {
    in.position(in.position() + n);
  }
}
