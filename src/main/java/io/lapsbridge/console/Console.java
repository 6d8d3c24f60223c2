package io.lapsbridge.console;

import io.lapsbridge.console.audit.AuditFile;
import io.lapsbridge.console.audit.AuditSink;
import io.lapsbridge.console.audit.AuditTrail;
import io.lapsbridge.console.audit.SyslogSink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A running console: the server with its audit trail, started from settings and closed as one.
 * The command line hands it parsed options; tests and the demo start it the same way.
 */
public final class Console implements AutoCloseable {
  private final ConsoleServer server;
  private final AuditTrail audit;
  private final Path auditFile;
  private final String host;

  private Console(ConsoleServer server, AuditTrail audit, Path auditFile, String host) {
    this.server = server;
    this.audit = audit;
    this.auditFile = auditFile;
    this.host = host;
  }

  /**
   * Opens the audit file (0600, append-only) and the syslog targets, then starts HTTPS.
   *
   * @param syslogTargets {@code udp://host:port} or {@code tcp://host:port}, each
   * @param problems where a syslog failure is reported (the request goes on)
   */
  public static Console start(ConsoleSettings settings, Path auditFile,
      List<String> syslogTargets, Clock clock, Consumer<String> problems) throws IOException {
    String hostName;
    try {
      hostName = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      hostName = "-";
    }
    List<AuditSink> forwarders = new ArrayList<>();
    for (String target : syslogTargets) {
      forwarders.add(SyslogSink.parse(target, hostName));
    }
    AuditTrail audit = new AuditTrail(AuditFile.open(auditFile), forwarders, problems);
    ConsoleServer server = new ConsoleServer(settings, audit, clock);
    try {
      server.start();
    } catch (IOException e) {
      server.close();
      audit.close();
      throw e;
    } catch (RuntimeException e) {
      // Javalin reports a port in use, or an address it cannot bind, unchecked.
      server.close();
      audit.close();
      throw new IOException("cannot serve on " + settings.bindAddress() + ":" + settings.port()
          + ": " + e.getMessage(), e);
    }
    String shown = settings.bindAddress().equals("0.0.0.0") || settings.bindAddress().equals("::")
        ? hostName : settings.bindAddress();
    return new Console(server, audit, auditFile, shown.contains(":") ? "[" + shown + "]" : shown);
  }

  /** The address to open in a browser. */
  public String url() {
    return "https://" + host + ":" + server.port() + "/";
  }

  public int port() {
    return server.port();
  }

  public Path auditFile() {
    return auditFile;
  }

  /** How many users are signed in. */
  public int sessions() {
    return server.sessionCount();
  }

  /**
   * Parses a duration as {@code 90s}, {@code 15m}, {@code 8h} or {@code 1d}, or ISO-8601
   * ({@code PT15M}).
   */
  public static Duration duration(String text, String option) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.length() >= 2) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration unit = switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(1);
          case 'm' -> Duration.ofMinutes(1);
          case 'h' -> Duration.ofHours(1);
          case 'd' -> Duration.ofDays(1);
          default -> null;
        };
        if (unit != null) {
          return unit.multipliedBy(n);
        }
      }
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      // Falls through to the one message below.
    }
    throw new IllegalArgumentException(option + " must be a duration such as 90s, 15m, 8h or 1d: '"
        + text + "'");
  }

  @Override
  public void close() {
    server.close();
    audit.close();
  }
}
