package io.lapsbridge.platform.linux;

import io.lapsbridge.rotation.LoginSource;
import io.lapsbridge.rotation.PortException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Logins of the managed account from {@code wtmp} (what {@code last} shows: console, ssh and
 * display-manager logins, including key-based ssh logins that never ask for the password). Only
 * the newest {@link #TAIL} bytes are read, whole records counted from the end, because wtmp
 * grows until logrotate cuts it and only logins after the last rotation matter. A missing file
 * (wtmpdb systems, containers) means no records; the PAM hook still counts.
 */
public final class WtmpLogins implements LoginSource {
  /** How much of the file's end is read: about 10,000 records. */
  static final int TAIL = WtmpRecords.RECORD * 10_000;
  private final Path file;

  public WtmpLogins(Path file) {
    this.file = file;
  }

  /** {@code /var/log/wtmp}. */
  public static WtmpLogins system() {
    return new WtmpLogins(Path.of("/var/log/wtmp"));
  }

  @Override
  public Optional<Instant> lastLogin(String account) throws PortException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long whole = size - size % WtmpRecords.RECORD;
      long start = Math.max(0, whole - TAIL);
      ByteBuffer buffer = ByteBuffer.allocate((int) (whole - start));
      while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
        // read until the buffer is full or the file ends early (truncated meanwhile)
      }
      byte[] bytes = new byte[buffer.position()];
      buffer.flip().get(bytes);
      return WtmpRecords.parse(bytes).lastLogin(account);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new PortException(PortException.Kind.LOCAL_FAILED, "cannot read " + file + ": "
          + e.getClass().getSimpleName());
    }
  }
}
