package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.lapsbridge.cli.SharedStandIn;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.model.Secret;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;

/** {@link ResumeOwnWritesContract} on the ApacheDS stand-in: the value guard. */
class ResumeOwnWritesStandInIT extends ResumeOwnWritesContract {
  private static final String OU = "ou=ResumeOwn,dc=example,dc=com";

  @BeforeAll
  static void ou() throws Exception {
    try (LDAPConnection admin = SharedStandIn.admin()) {
      admin.add(new Entry("dn: " + OU, "objectClass: top", "objectClass: organizationalUnit",
          "ou: ResumeOwn"));
    }
  }

  @Override
  GuardedWriter writer() throws Exception {
    StandInDirectory server = SharedStandIn.get();
    GuardedWriter writer = GuardedWriter.open(new ConnectionSettings("127.0.0.1", server.port(),
        TransportSecurity.START_TLS, StandInDirectory.ADMIN_DN,
        Secret.of(StandInDirectory.ADMIN_PASSWORD), server.certificateFile(), OU,
        Duration.ofSeconds(10)), 1, 0);
    assertFalse(writer.usesAssertionControl());
    return writer;
  }

  @Override
  String computer(String name, String... lines) throws Exception {
    String dn = "cn=" + name + "," + OU;
    String[] all = new String[lines.length + 6];
    all[0] = "dn: " + dn;
    all[1] = "objectClass: top";
    all[2] = "objectClass: user";
    all[3] = "objectClass: computer";
    all[4] = "cn: " + name;
    all[5] = "sAMAccountName: " + name + "$";
    System.arraycopy(lines, 0, all, 6, lines.length);
    try (LDAPConnection admin = SharedStandIn.admin()) {
      admin.add(new Entry(all));
    }
    return dn;
  }
}
