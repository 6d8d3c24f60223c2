package io.lapsbridge.console.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * RFC 5424 syslog of each audit record to a collector: facility authpriv (10), severity notice
 * for success and warning otherwise, APP-NAME {@code lapsbridge}, MSGID the event, and the JSON
 * line as the message (after a UTF-8 BOM, as 6.4 asks for UTF-8 text). Over UDP one datagram per
 * record (RFC 5426); over TCP octet-counted frames (RFC 6587 3.4.1) on one connection, reopened
 * once when it broke.
 */
public final class SyslogSink implements AuditSink {
  /** The transport to the collector. */
  public enum Transport { UDP, TCP }

  private static final int AUTHPRIV = 10;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private final Transport transport;
  private final InetSocketAddress collector;
  private final String hostName;
  private final Duration timeout;
  private DatagramSocket udp;
  private Socket tcp;

  public SyslogSink(Transport transport, String host, int port, String hostName,
      Duration timeout) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("syslog port must be between 1 and 65535: " + port);
    }
    this.transport = transport;
    this.collector = new InetSocketAddress(host, port);
    this.hostName = hostName == null || hostName.isBlank() ? "-" : hostName.replace(' ', '_');
    this.timeout = timeout;
  }

  /** Parses {@code udp://host:port} or {@code tcp://host:port}. */
  public static SyslogSink parse(String target, String hostName) {
    int scheme = target.indexOf("://");
    int colon = target.lastIndexOf(':');
    if (scheme < 0 || colon <= scheme + 3) {
      throw new IllegalArgumentException(
          "syslog target must be udp://HOST:PORT or tcp://HOST:PORT: " + target);
    }
    Transport transport;
    try {
      transport = Transport.valueOf(target.substring(0, scheme).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "syslog target must start with udp:// or tcp://: " + target, e);
    }
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("syslog target has no port number: " + target, e);
    }
    String host = target.substring(scheme + 3, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new SyslogSink(transport, host, port, hostName, Duration.ofSeconds(5));
  }

  /** The RFC 5424 message of one record, without transport framing. */
  byte[] message(AuditRecord record, String jsonLine) {
    int priority = AUTHPRIV * 8 + record.severity();
    String header = "<" + priority + ">1 " + record.time() + " " + hostName + " lapsbridge "
        + ProcessHandle.current().pid() + " " + record.event() + " - ";
    byte[] head = header.getBytes(StandardCharsets.US_ASCII);
    byte[] body = jsonLine.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + BOM.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(BOM, 0, all, head.length, BOM.length);
    System.arraycopy(body, 0, all, head.length + BOM.length, body.length);
    return all;
  }

  @Override
  public synchronized void write(AuditRecord record, String jsonLine) throws IOException {
    byte[] message = message(record, jsonLine);
    if (transport == Transport.UDP) {
      if (udp == null) {
        udp = new DatagramSocket();
      }
      udp.send(new DatagramPacket(message, message.length, collector));
      return;
    }
    byte[] frame = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
    try {
      send(frame, message);
    } catch (IOException broken) {
      closeTcp();
      send(frame, message);
    }
  }

  private void send(byte[] frame, byte[] message) throws IOException {
    if (tcp == null) {
      Socket socket = new Socket();
      socket.connect(collector, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      tcp = socket;
    }
    OutputStream out = tcp.getOutputStream();
    out.write(frame);
    out.write(message);
    out.flush();
  }

  private void closeTcp() {
    if (tcp != null) {
      try {
        tcp.close();
      } catch (IOException ignored) {
        // Reopened on the next record.
      }
      tcp = null;
    }
  }

  @Override
  public synchronized void close() {
    closeTcp();
    if (udp != null) {
      udp.close();
    }
  }

  @Override
  public String toString() {
    return transport.name().toLowerCase(Locale.ROOT) + "://" + collector.getHostString() + ":"
        + collector.getPort();
  }
}
