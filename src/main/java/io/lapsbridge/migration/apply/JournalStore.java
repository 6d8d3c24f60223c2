package io.lapsbridge.migration.apply;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where apply's journal lives (a file, in {@code platform.journal}). The journal is the only
 * record of what ran: {@code begin} once per apply, then whole lines appended.
 */
public interface JournalStore {
  /** Whether the journal already holds anything: an apply then refuses to start over it. */
  boolean hasRecords() throws IOException;

  /** Starts a new journal with its first line. */
  void begin(String line) throws IOException;

  /** Cuts the journal to its first {@code length} bytes. */
  void truncate(long length) throws IOException;

  /** Opens the journal for appending; the caller closes it. */
  OutputStream append() throws IOException;
}
