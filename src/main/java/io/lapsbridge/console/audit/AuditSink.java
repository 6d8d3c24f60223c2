package io.lapsbridge.console.audit;

import java.io.IOException;

/** Where audit records go: the file, a syslog collector, or a test's list. */
public interface AuditSink extends AutoCloseable {
  /** Writes one record, or throws: an event that cannot be audited must not happen silently. */
  void write(AuditRecord record, String jsonLine) throws IOException;

  @Override
  default void close() throws IOException {}
}
