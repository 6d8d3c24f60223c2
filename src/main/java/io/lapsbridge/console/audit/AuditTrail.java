package io.lapsbridge.console.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every sink the deployment configured. A record goes to each; the file is the record of
 * authority, so a failure there fails the request (the password is then not shown), while a
 * syslog failure is reported to {@code problems} and the request goes on.
 */
public final class AuditTrail implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AuditSink file;
  private final List<AuditSink> forwarders;
  private final Consumer<String> problems;

  public AuditTrail(AuditSink file, List<AuditSink> forwarders, Consumer<String> problems) {
    this.file = file;
    this.forwarders = List.copyOf(forwarders);
    this.problems = problems;
  }

  /** The JSON line of a record: control characters, quotes and markup escaped by Jackson. */
  public static String jsonLine(AuditRecord record) {
    try {
      return JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an audit record is always JSON", e);
    }
  }

  /**
   * Writes {@code record} everywhere and returns its JSON line.
   *
   * @throws UncheckedIOException when the audit file cannot be written
   */
  public String record(AuditRecord record) {
    String line = jsonLine(record);
    try {
      file.write(record, line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit file: " + e.getMessage(), e);
    }
    for (AuditSink forwarder : forwarders) {
      try {
        forwarder.write(record, line);
      } catch (IOException e) {
        problems.accept("cannot send an audit record to " + forwarder + ": " + e.getMessage());
      }
    }
    return line;
  }

  @Override
  public void close() {
    List<AuditSink> all = new ArrayList<>(forwarders);
    all.add(file);
    for (AuditSink sink : all) {
      try {
        sink.close();
      } catch (IOException e) {
        problems.accept("closing an audit sink: " + e.getMessage());
      }
    }
  }
}
