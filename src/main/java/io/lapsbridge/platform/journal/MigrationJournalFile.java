package io.lapsbridge.platform.journal;

import io.lapsbridge.migration.apply.JournalStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code migrate apply}'s journal as a file: written at begin, then appended to. */
public final class MigrationJournalFile implements JournalStore {
  private final Path file;

  public MigrationJournalFile(Path file) {
    this.file = file;
  }

  @Override
  public boolean hasRecords() throws IOException {
    return Files.exists(file) && Files.size(file) > 0;
  }

  @Override
  public void begin(String line) throws IOException {
    Files.writeString(file, line, StandardCharsets.UTF_8);
  }

  @Override
  public void truncate(long length) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(length);
    }
  }

  @Override
  public OutputStream append() throws IOException {
    return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
