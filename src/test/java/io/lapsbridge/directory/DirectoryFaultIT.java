package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.embedded.StandInConfig;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The directory disappears in the middle of work: the failure is clean and says so. */
class DirectoryFaultIT {
  @Test
  void directoryStoppedMidSessionIsReportedAsUnreachable() throws Exception {
    StandInDirectory server = StandInDirectory.start(StandInConfig.loopback());
    ConnectionSettings admin = new ConnectionSettings("127.0.0.1", server.port(),
        TransportSecurity.START_TLS, StandInDirectory.ADMIN_DN, Secret.of(StandInDirectory.ADMIN_PASSWORD),
        server.certificateFile(), "dc=example,dc=com", Duration.ofSeconds(5));
    try (LapsDirectory directory = LapsDirectory.open(admin)) {
      ComputerRef dc = directory.locate("DC1");
      directory.setExpiration(dc, AttributeFamily.LEGACY, FileTime.ZERO);
      server.close();
      DirectoryException e = assertThrows(DirectoryException.class, () -> directory.read(dc));
      assertEquals(DirectoryException.Kind.UNREACHABLE, e.kind());
      assertTrue(e.getMessage().startsWith(
          "read on 'cn=DC1,ou=Domain Controllers,dc=example,dc=com' failed: the directory is unreachable: "),
          e.getMessage());
      assertTrue(e.resultCode().isPresent());
    } finally {
      server.close();
    }
  }
}
