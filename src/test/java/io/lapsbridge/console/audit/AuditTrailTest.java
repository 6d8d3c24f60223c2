package io.lapsbridge.console.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
  static final Instant T = Instant.parse("2026-12-05T01:02:03Z");
  @TempDir Path folder;

  static AuditRecord reveal() {
    return AuditRecord.of(T, AuditRecord.REVEAL, AuditRecord.SUCCESS, "cn=Helen Desk,dc=x",
        "S-1-5-21-1-2-3-1106", "192.0.2.7").computer("WS-1", "cn=WS-1,dc=x")
        .value("LegacyLapsCleartextPassword").reason("ticket 9");
  }

  @Test
  void aRecordIsOneJsonLineInFieldOrder() {
    assertEquals("{\"time\":\"2026-12-05T01:02:03Z\",\"event\":\"reveal\",\"outcome\":\"success\","
        + "\"actorDn\":\"cn=Helen Desk,dc=x\",\"actorSid\":\"S-1-5-21-1-2-3-1106\","
        + "\"computer\":\"WS-1\",\"computerDn\":\"cn=WS-1,dc=x\","
        + "\"value\":\"LegacyLapsCleartextPassword\",\"address\":\"192.0.2.7\","
        + "\"reason\":\"ticket 9\",\"detail\":null}", AuditTrail.jsonLine(reveal()));
  }

  @Test
  void controlCharactersAndMarkupStayInsideTheLine() throws Exception {
    String hostile = "<script>\"x\"</script>\n\u0000\u001b[31m";
    String line = AuditTrail.jsonLine(reveal().computer(hostile, "cn=y").reason(hostile));
    assertEquals(1, line.lines().count());
    JsonNode back = new ObjectMapper().readTree(line);
    assertEquals(hostile, back.get("computer").asText());
    assertEquals(hostile, back.get("reason").asText());
  }

  @Test
  void theFileIsCreatedOwnerOnlyAndAppendedTo() throws Exception {
    Path path = folder.resolve("audit.jsonl");
    try (AuditTrail trail = new AuditTrail(AuditFile.open(path), List.of(), p -> { })) {
      trail.record(reveal());
    }
    try (AuditTrail trail = new AuditTrail(AuditFile.open(path), List.of(), p -> { })) {
      trail.record(reveal().outcome(AuditRecord.REFUSED));
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).contains("\"outcome\":\"refused\""));
  }

  @Test
  void aFileOthersMayReadIsRefused() throws Exception {
    Path path = folder.resolve("open.jsonl");
    Files.createFile(path, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-r--r--")));
    IOException e = assertThrows(IOException.class, () -> AuditFile.open(path));
    assertEquals("the audit file " + path + " has permissions rw-r--r--; it must be owner-only"
        + " (chmod 600)", e.getMessage());
  }

  @Test
  void aFileThatCannotBeWrittenFailsTheRequestButSyslogDoesNot() {
    List<String> problems = new ArrayList<>();
    AuditSink broken = (r, l) -> {
      throw new IOException("disk full");
    };
    AuditTrail failingSyslog = new AuditTrail((r, l) -> { }, List.of(broken), problems::add);
    failingSyslog.record(reveal());
    assertEquals(1, problems.size());
    AuditTrail failingFile = new AuditTrail(broken, List.of(), problems::add);
    assertThrows(UncheckedIOException.class, () -> failingFile.record(reveal()));
  }

  @Test
  void syslogOverUdpIsRfc5424() throws Exception {
    try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      collector.setSoTimeout(5000);
      try (SyslogSink sink = SyslogSink.parse("udp://127.0.0.1:" + collector.getLocalPort(),
          "console1")) {
        sink.write(reveal(), AuditTrail.jsonLine(reveal()));
        sink.write(reveal().outcome(AuditRecord.REFUSED), "{}");
      }
      DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
      collector.receive(packet);
      String message = new String(packet.getData(), 0, packet.getLength(),
          StandardCharsets.UTF_8);
      String header = "<85>1 2026-12-05T01:02:03Z console1 lapsbridge "
          + ProcessHandle.current().pid() + " reveal - \uFEFF";
      assertEquals(header + AuditTrail.jsonLine(reveal()), message);
      collector.receive(packet);
      assertTrue(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)
          .startsWith("<84>1 "), "warning severity for a refusal");
    }
  }

  @Test
  void syslogOverTcpUsesOctetCounting() throws Exception {
    try (ServerSocket collector = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      try (SyslogSink sink = SyslogSink.parse("tcp://127.0.0.1:" + collector.getLocalPort(),
          "console1"); Socket accepted = acceptLater(collector, sink)) {
        InputStream in = accepted.getInputStream();
        ByteArrayOutputStream length = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != ' ') {
          length.write(b);
        }
        int n = Integer.parseInt(length.toString(StandardCharsets.US_ASCII));
        String message = new String(in.readNBytes(n), StandardCharsets.UTF_8);
        assertTrue(message.startsWith("<85>1 2026-12-05T01:02:03Z console1 lapsbridge "));
        assertTrue(message.endsWith(AuditTrail.jsonLine(reveal())));
      }
    }
  }

  private static Socket acceptLater(ServerSocket collector, SyslogSink sink) throws Exception {
    // The write connects; the backlog holds the connection until accept.
    sink.write(reveal(), AuditTrail.jsonLine(reveal()));
    collector.setSoTimeout(5000);
    return collector.accept();
  }

  @Test
  void syslogTargetsAreParsedStrictly() {
    for (String bad : List.of("127.0.0.1:514", "http://h:514", "udp://h", "udp://h:x",
        "udp://h:70000")) {
      assertThrows(IllegalArgumentException.class, () -> SyslogSink.parse(bad, "h"), bad);
    }
    assertEquals("tcp://[::1]:6514".replace("[::1]", "0:0:0:0:0:0:0:1"),
        SyslogSink.parse("tcp://[::1]:6514", "h").toString());
  }
}
