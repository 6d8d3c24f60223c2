package io.lapsbridge.platform.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pure parser of Linux login records ({@code /var/log/wtmp}, glibc's {@code struct utmp} on
 * 64-bit Linux: 384 bytes, little-endian, 32-bit seconds). Only what the agent needs: user
 * logins ({@code USER_PROCESS}) with their user, line, host and time. A record that cannot be a
 * real one (unknown type, a name with control characters or no terminator, a time before 1980 or
 * after 2200) is skipped, and so is a torn record at the end, so a damaged file never stops the
 * agent: it only hides the damaged logins.
 */
public final class WtmpRecords {
  /** {@code sizeof(struct utmp)} on x86-64 and aarch64 Linux. */
  public static final int RECORD = 384;
  static final int USER_PROCESS = 7;
  private static final int MAX_TYPE = 9;
  private static final long EARLIEST = 315_532_800L; // 1980-01-01
  private static final long LATEST = 7_258_118_400L; // 2200-01-01

  private WtmpRecords() {}

  /** One login: who, on which terminal, from where, when. */
  public record Login(String user, String line, String host, Instant at) {}

  /** What a parse found: the logins, and how many records were skipped as malformed. */
  public record Parsed(List<Login> logins, int skipped) {
    public Parsed {
      logins = List.copyOf(logins);
    }

    /** The newest login of {@code user}. */
    public Optional<Instant> lastLogin(String user) {
      return logins.stream().filter(l -> l.user().equals(user)).map(Login::at)
          .max(Instant::compareTo);
    }
  }

  /** Parses whole records from {@code bytes}; a torn tail counts as one skipped record. */
  public static Parsed parse(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Login> logins = new ArrayList<>();
    int skipped = bytes.length % RECORD == 0 ? 0 : 1;
    for (int offset = 0; offset + RECORD <= bytes.length; offset += RECORD) {
      Optional<Optional<Login>> record = record(buffer, offset);
      if (record.isEmpty()) {
        skipped++;
      } else {
        record.get().ifPresent(logins::add);
      }
    }
    return new Parsed(logins, skipped);
  }

  /** Empty when malformed; an empty inner value for a well-formed record that is no login. */
  private static Optional<Optional<Login>> record(ByteBuffer b, int offset) {
    int type = b.getShort(offset);
    if (type < 0 || type > MAX_TYPE) {
      return Optional.empty();
    }
    Optional<String> line = text(b, offset + 8, 32);
    Optional<String> user = text(b, offset + 44, 32);
    Optional<String> host = text(b, offset + 76, 256);
    long seconds = Integer.toUnsignedLong(b.getInt(offset + 340));
    int micros = b.getInt(offset + 344);
    if (line.isEmpty() || user.isEmpty() || host.isEmpty()) {
      return Optional.empty();
    }
    if (type != USER_PROCESS) {
      return Optional.of(Optional.empty());
    }
    if (user.get().isEmpty() || seconds < EARLIEST || seconds > LATEST || micros < 0
        || micros >= 1_000_000) {
      return Optional.empty();
    }
    return Optional.of(Optional.of(new Login(user.get(), line.get(), host.get(),
        Instant.ofEpochSecond(seconds, micros * 1000L))));
  }

  /**
   * A NUL-padded field; a field may fill its whole width without a NUL (utmp allows it for the
   * line and user). Empty when it holds a control character or bytes that are not UTF-8.
   */
  private static Optional<String> text(ByteBuffer b, int offset, int width) {
    int length = 0;
    while (length < width && b.get(offset + length) != 0) {
      length++;
    }
    for (int i = length; i < width; i++) {
      if (b.get(offset + i) != 0) {
        return Optional.empty(); // bytes after the terminator: not a record glibc wrote
      }
    }
    byte[] raw = new byte[length];
    b.get(offset, raw);
    String value = new String(raw, StandardCharsets.UTF_8);
    if (value.contains("\uFFFD") || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      return Optional.empty();
    }
    return Optional.of(value);
  }
}
