package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server that accepts the StartTLS extended operation and then never answers the TLS
 * handshake (#18 item 1): the handshake after StartTLS is bounded by the timeout too.
 */
class StartTlsHandshakeTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final String START_TLS = "1.3.6.1.4.1.1466.20037";

  @Test
  void theHandshakeAfterStartTlsGivesUpWithinTheTimeout() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread fake = new Thread(() -> answerStartTlsThenSayNothing(server, done));
      fake.setDaemon(true);
      fake.start();
      ConnectionSettings settings = new ConnectionSettings("127.0.0.1", server.getLocalPort(),
          TransportSecurity.START_TLS, null, null, null, null, TIMEOUT);
      DirectoryException e = assertTimeoutPreemptively(Duration.ofSeconds(8),
          () -> assertThrows(DirectoryException.class, () -> Connector.open(settings)));
      assertEquals(DirectoryException.Kind.TLS, e.kind(), e.getMessage());
      assertEquals("TLS with " + settings.endpoint() + " failed: no answer to the TLS handshake"
          + " within 1 s", e.getMessage());
    } finally {
      done.countDown();
    }
  }

  /** Reads the StartTLS request, answers success, then holds the socket open in silence. */
  private static void answerStartTlsThenSayNothing(ServerSocket server, CountDownLatch done) {
    try (Socket socket = server.accept()) {
      ASN1StreamReader reader = new ASN1StreamReader(socket.getInputStream());
      LDAPMessage request = LDAPMessage.readFrom(reader, true);
      OutputStream out = socket.getOutputStream();
      out.write(new LDAPMessage(request.getMessageID(), new ExtendedResponseProtocolOp(
          ResultCode.SUCCESS_INT_VALUE, null, null, null, START_TLS, null)).encode().encode());
      out.flush();
      boolean unused = done.await(30, TimeUnit.SECONDS);
    } catch (IOException | com.unboundid.ldap.sdk.LDAPException e) {
      // The client gave up and closed: what the test expects.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
