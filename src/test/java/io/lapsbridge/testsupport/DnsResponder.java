package io.lapsbridge.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small authoritative DNS server over UDP for tests: it answers SRV and A (and ANY, which
 * JNDI asks when it wants several types) from records the test adds, and NXDOMAIN for any other
 * name, so DC discovery is tested without real DNS. Started on 127.0.0.1 and a free port;
 * {@link #address()} is what {@code --dns-server} takes.
 */
public final class DnsResponder implements AutoCloseable {
  private static final int TYPE_A = 1;
  private static final int TYPE_SRV = 33;
  private static final int TYPE_ANY = 255;

  private record Srv(int priority, int weight, int port, String target) {}

  private final DatagramSocket socket;
  private final Thread thread;
  private final Map<String, List<Srv>> srv = new ConcurrentHashMap<>();
  private final Map<String, List<InetAddress>> a = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();

  private DnsResponder(DatagramSocket socket) {
    this.socket = socket;
    this.thread = new Thread(this::serve, "dns-responder-" + socket.getLocalPort());
    thread.setDaemon(true);
  }

  /** Listens on 127.0.0.1 at a free UDP port. */
  public static DnsResponder start() throws SocketException {
    DatagramSocket socket = new DatagramSocket(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    DnsResponder responder = new DnsResponder(socket);
    responder.thread.start();
    return responder;
  }

  /** {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** How many queries were answered, so a test can tell that discovery asked this server. */
  public int queries() {
    return queries.get();
  }

  /** Adds an SRV record {@code name -> target:port}. */
  public DnsResponder srv(String name, int priority, int weight, int port, String target) {
    srv.computeIfAbsent(key(name), k -> new ArrayList<>())
        .add(new Srv(priority, weight, port, target));
    return this;
  }

  /** Adds an A record. */
  public DnsResponder a(String name, String address) {
    try {
      a.computeIfAbsent(key(name), k -> new ArrayList<>()).add(InetAddress.getByName(address));
    } catch (IOException e) {
      throw new IllegalArgumentException(address, e);
    }
    return this;
  }

  private static String key(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] answer = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
        queries.incrementAndGet();
        socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private byte[] answer(ByteBuffer query) throws IOException {
    int id = query.getShort() & 0xFFFF;
    int flags = query.getShort() & 0xFFFF;
    query.getShort(); // one question
    query.position(12);
    int questionStart = query.position();
    StringBuilder name = new StringBuilder();
    for (int length = query.get() & 0xFF; length > 0; length = query.get() & 0xFF) {
      byte[] label = new byte[length];
      query.get(label);
      name.append(name.length() == 0 ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
    }
    int type = query.getShort() & 0xFFFF;
    query.getShort(); // class IN
    byte[] question = new byte[query.position() - questionStart];
    query.position(questionStart);
    query.get(question);

    String owner = key(name.toString());
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    int count = 0;
    if (type == TYPE_SRV || type == TYPE_ANY) {
      for (Srv record : srv.getOrDefault(owner, List.of())) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        writeShort(data, record.priority());
        writeShort(data, record.weight());
        writeShort(data, record.port());
        data.write(encodeName(record.target()));
        writeRecord(records, TYPE_SRV, data.toByteArray());
        count++;
      }
    }
    if (type == TYPE_A || type == TYPE_ANY) {
      for (InetAddress address : a.getOrDefault(owner, List.of())) {
        writeRecord(records, TYPE_A, address.getAddress());
        count++;
      }
    }
    boolean known = srv.containsKey(owner) || a.containsKey(owner);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeShort(out, id);
    // QR, AA, RD copied, RA; NXDOMAIN (3) for a name with no records at all.
    writeShort(out, 0x8000 | 0x0400 | (flags & 0x0100) | 0x0080 | (known ? 0 : 3));
    writeShort(out, 1);
    writeShort(out, count);
    writeShort(out, 0);
    writeShort(out, 0);
    out.write(question);
    out.write(records.toByteArray());
    return out.toByteArray();
  }

  private static void writeRecord(ByteArrayOutputStream out, int type, byte[] data) {
    writeShort(out, 0xC00C); // the question's name
    writeShort(out, type);
    writeShort(out, 1); // IN
    writeShort(out, 0);
    writeShort(out, 60); // TTL 60 s
    writeShort(out, data.length);
    out.write(data, 0, data.length);
  }

  private static byte[] encodeName(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String label : key(name).split("\\.", -1)) {
      byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
      out.write(bytes.length);
      out.write(bytes, 0, bytes.length);
    }
    out.write(0);
    return out.toByteArray();
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write((value >> 8) & 0xFF);
    out.write(value & 0xFF);
  }

  @Override
  public void close() {
    socket.close();
  }
}
