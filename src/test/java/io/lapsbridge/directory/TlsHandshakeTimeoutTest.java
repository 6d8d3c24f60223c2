package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server that accepts TCP and never answers the TLS handshake (#18 item 1): the kernel
 * completes the TCP handshake from the listen backlog, so a socket that is never accepted is
 * exactly such a server.
 */
class TlsHandshakeTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @Test
  void connectorGivesUpWithinTheTimeout() throws IOException {
    try (ServerSocket silent = silentServer()) {
      ConnectionSettings settings = new ConnectionSettings("127.0.0.1", silent.getLocalPort(),
          TransportSecurity.LDAPS, null, null, null, null, TIMEOUT);
      DirectoryException e = assertTimeoutPreemptively(Duration.ofSeconds(8),
          () -> assertThrows(DirectoryException.class, () -> Connector.open(settings)));
      // A handshake that gets no answer is a TLS failure (exit 3), whatever the SDK calls it.
      assertEquals(DirectoryException.Kind.TLS, e.kind(), e.getMessage());
      assertEquals("TLS with ldaps://127.0.0.1:" + silent.getLocalPort() + " failed: no answer to"
          + " the TLS handshake within 1 s", e.getMessage());
    }
  }

  @Test
  void agentMovesOnToItsNextServer() throws Exception {
    try (ServerSocket silent = silentServer(); ServerSocket next = silentServer()) {
      CompletableFuture<Boolean> reached = CompletableFuture.supplyAsync(() -> {
        try {
          next.accept().close();
          return true;
        } catch (IOException e) {
          return false;
        }
      });
      AgentConnection agent = new AgentConnection(
          List.of("127.0.0.1:" + silent.getLocalPort(), "localhost:" + next.getLocalPort()),
          Optional.empty(), TransportSecurity.LDAPS, null,
          new MachineBind.Simple("cn=pc1", Secret.of("x")), null, TIMEOUT);
      DirectoryException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThrows(DirectoryException.class, agent::open));
      assertEquals(DirectoryException.Kind.TLS, e.kind(), e.getMessage());
      assertTrue(reached.get(5, TimeUnit.SECONDS), "the second server was never tried");
    }
  }

  private static ServerSocket silentServer() throws IOException {
    return new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
  }
}
