package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.cli.SharedStandIn;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.model.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The NTLM name of a DN bind comes from its sAMAccountName and the domain's crossRef. */
class NtlmIdentityIT {
  private static LapsDirectory open(String bind, String password) throws DirectoryException {
    StandInDirectory server = SharedStandIn.get();
    return LapsDirectory.open(new ConnectionSettings("127.0.0.1", server.port(),
        TransportSecurity.START_TLS, bind, Secret.of(password), server.certificateFile(),
        null, Duration.ofSeconds(10)));
  }

  @Test
  void aDnBindIsNamedAsWindowsNamesIt() throws Exception {
    try (LapsDirectory directory =
        open("cn=Helen Desk,ou=People,dc=example,dc=com", "reader-secret")) {
      NtlmIdentity identity = NtlmIdentity.of(directory);
      assertEquals(new NtlmIdentity("helpdesk", "EXAMPLE"), identity);
      assertEquals("EXAMPLE\\helpdesk", identity.toString());
    }
  }
}
