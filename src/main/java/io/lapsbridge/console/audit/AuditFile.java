package io.lapsbridge.console.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The JSON-lines audit file: opened for append only, created owner-only (0600), and refused when
 * it already exists readable or writable by group or others. Each record is one {@code write} of
 * one line with {@code O_APPEND}, so lines from concurrent requests never interleave.
 */
public final class AuditFile implements AuditSink {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private final Path path;
  private final FileChannel channel;

  private AuditFile(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Opens {@code path} for append, creating it 0600; an existing file must be owner-only. */
  public static AuditFile open(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IOException("the audit file's folder does not exist: " + parent);
    }
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException exists) {
      Set<PosixFilePermission> wider = EnumSet.copyOf(Files.getPosixFilePermissions(path));
      wider.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      if (!wider.isEmpty()) {
        throw new IOException("the audit file " + path + " has permissions "
            + PosixFilePermissions.toString(Files.getPosixFilePermissions(path))
            + "; it must be owner-only (chmod 600)");
      }
    } catch (UnsupportedOperationException notPosix) {
      Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
    }
    return new AuditFile(path,
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
  }

  public Path path() {
    return path;
  }

  @Override
  public synchronized void write(AuditRecord record, String jsonLine) throws IOException {
    ByteBuffer line = ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8));
    while (line.hasRemaining()) {
      channel.write(line);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
