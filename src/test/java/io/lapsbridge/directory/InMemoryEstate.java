package io.lapsbridge.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import io.lapsbridge.model.Secret;
import java.time.Duration;

/** Fixtures shared by the GuardedWriter tests that run on UnboundID's in-memory server. */
final class InMemoryEstate {
  private InMemoryEstate() {}

  /**
   * Starts an in-memory server for {@code base} with a {@code cn=admin} bind, no schema
   * checking and the given interceptors.
   */
  static InMemoryDirectoryServer start(String base, InMemoryOperationInterceptor... interceptors)
      throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
    config.addAdditionalBindCredentials("cn=admin", "admin-secret");
    config.setSchema(null);
    for (InMemoryOperationInterceptor interceptor : interceptors) {
      config.addInMemoryOperationInterceptor(interceptor);
    }
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add(new Entry("dn: " + base, "objectClass: domain", "dc: example"));
    server.startListening();
    return server;
  }

  /** A writer bound as the in-memory server's {@code cn=admin}. */
  static GuardedWriter writer(InMemoryDirectoryServer server, String base, int connections)
      throws Exception {
    return GuardedWriter.open(new ConnectionSettings("127.0.0.1", server.getListenPort(),
        TransportSecurity.NONE, "cn=admin", Secret.of("admin-secret"), null, base,
        Duration.ofSeconds(10)), connections, 0);
  }

  /** Adds a computer under {@code base} with extra LDIF attribute lines; returns its DN. */
  static String computer(InMemoryDirectoryServer server, String base, String name,
      String... lines) throws Exception {
    String dn = "cn=" + name + "," + base;
    String[] all = new String[lines.length + 3];
    all[0] = "dn: " + dn;
    all[1] = "objectClass: computer";
    all[2] = "cn: " + name;
    System.arraycopy(lines, 0, all, 3, lines.length);
    server.add(new Entry(all));
    return dn;
  }
}
