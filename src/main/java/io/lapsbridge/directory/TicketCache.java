package io.lapsbridge.directory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code FILE:} ticket cache (MIT format, versions 3 and 4) holds, read before a
 * GSSAPI bind so that a missing or expired ticket is said as such: the JDK only reports that
 * it found no usable credentials. Only names and times are read, never a key.
 *
 * @param principal the cache's default principal, {@code user@REALM}
 * @param tgtEnd when the ticket-granting ticket for the principal's realm ends; empty if the
 *     cache holds none
 */
record TicketCache(String principal, Optional<Instant> tgtEnd) {

  /** The JDK's default cache when {@code KRB5CCNAME} names none. */
  static Path defaultPath(long uid) {
    return Path.of("/tmp/krb5cc_" + uid);
  }

  /**
   * Why the cache cannot give a ticket, or empty when it can (or cannot be judged here; the
   * bind's own error then speaks).
   */
  static Optional<String> problem(Path file, Instant now) {
    TicketCache cache;
    try {
      cache = read(file);
    } catch (NoSuchFileException e) {
      return Optional.of("Kerberos: no ticket cache at FILE:" + file + " (get a ticket with"
          + " kinit, or give --keytab and --kerberos-principal)");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (cache.tgtEnd().isEmpty()) {
      return Optional.of("Kerberos: the ticket cache FILE:" + file + " holds no ticket-granting"
          + " ticket for " + cache.principal() + " (run kinit " + cache.principal() + ")");
    }
    if (!cache.tgtEnd().get().isAfter(now)) {
      return Optional.of("Kerberos: the ticket of " + cache.principal() + " in FILE:" + file
          + " expired at " + cache.tgtEnd().get() + " (renew it with kinit "
          + cache.principal() + ")");
    }
    return Optional.empty();
  }

  static TicketCache read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    try {
      int version = in.getShort() & 0xFFFF;
      if (version != 0x0504 && version != 0x0503) {
        throw new IOException("unsupported ticket cache version 0x" + Integer.toHexString(version));
      }
      if (version == 0x0504) {
        int headerLength = in.getShort() & 0xFFFF;
        in.position(in.position() + headerLength);
      }
      List<String> client = principal(in);
      String realm = client.get(0);
      String principal = String.join("/", client.subList(1, client.size())) + "@" + realm;
      Optional<Instant> tgtEnd = Optional.empty();
      while (in.hasRemaining()) {
        List<String> ticketClient = principal(in);
        List<String> server = principal(in);
        in.getShort(); // enctype
        skipData(in); // key: skipped, never kept
        in.getInt(); // authtime
        in.getInt(); // starttime
        long end = Integer.toUnsignedLong(in.getInt());
        in.getInt(); // renew till
        in.get(); // is_skey
        in.getInt(); // flags
        int addresses = in.getInt();
        for (int i = 0; i < addresses; i++) {
          in.getShort();
          skipData(in);
        }
        int authData = in.getInt();
        for (int i = 0; i < authData; i++) {
          in.getShort();
          skipData(in);
        }
        skipData(in); // ticket
        skipData(in); // second ticket
        boolean tgt = server.size() == 3 && server.get(1).equals("krbtgt")
            && server.get(2).equalsIgnoreCase(realm) && ticketClient.equals(client);
        if (tgt) {
          Instant ends = Instant.ofEpochSecond(end);
          tgtEnd = Optional.of(tgtEnd.filter(t -> t.isAfter(ends)).orElse(ends));
        }
      }
      return new TicketCache(principal, tgtEnd);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IOException("truncated ticket cache", e);
    }
  }

  /** The realm first, then the components. */
  private static List<String> principal(ByteBuffer in) {
    in.getInt(); // name type
    int count = in.getInt();
    if (count < 0 || count > 64) {
      throw new IllegalArgumentException("bad component count");
    }
    List<String> parts = new ArrayList<>();
    parts.add(string(in));
    for (int i = 0; i < count; i++) {
      parts.add(string(in));
    }
    return parts;
  }

  private static String string(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void skipData(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    in.position(in.position() + length);
  }
}
