package io.lapsbridge.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ResumeOwnWritesContract} on UnboundID's in-memory server: the assertion control. */
class ResumeOwnWritesIT extends ResumeOwnWritesContract {
  private static final String BASE = "dc=example,dc=com";
  private static InMemoryDirectoryServer server;

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
    return InMemoryEstate.writer(server, BASE, 1);
  }

  @Override
  String computer(String name, String... lines) throws Exception {
    return InMemoryEstate.computer(server, BASE, name, lines);
  }
}
