package io.lapsbridge.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link GuardedWriterAssertionContract} on UnboundID's in-memory server, which supports the
 * assertion control (ApacheDS, the stand-in, does not). Loopback only, so no TLS.
 */
class GuardedWriterAssertionIT extends GuardedWriterAssertionContract {
  private static InMemoryDirectoryServer server;
  private static final String BASE = "dc=example,dc=com";

  @BeforeAll
  static void start() throws Exception {
    server = InMemoryEstate.start(BASE);
  }

  @AfterAll
  static void stop() {
    server.shutDown(true);
  }

  @Override
  GuardedWriter writer() throws Exception {
    return InMemoryEstate.writer(server, BASE, 2);
  }

  @Override
  String computer(String name, String... lines) throws Exception {
    return InMemoryEstate.computer(server, BASE, name, lines);
  }
}
