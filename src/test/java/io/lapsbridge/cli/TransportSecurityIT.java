package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.embedded.StandInCertificate;
import io.lapsbridge.embedded.StandInDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS is validated: the right trust store works, any other certificate is refused with exit 3. */
class TransportSecurityIT {
  private static String ou;

  @BeforeAll
  static void estate() throws Exception {
    ou = SharedStandIn.organizationalUnit("TransportSecurityIT");
    SharedStandIn.computer(ou, "TLS-PC", "ms-Mcs-AdmPwd", "over-tls", "ms-Mcs-AdmPwdExpirationTime", "0");
  }

  private static List<String> options(String... overrides) {
    List<String> options = new ArrayList<>(SharedStandIn.connect("reader"));
    for (int i = 0; i < overrides.length; i += 2) {
      int at = options.indexOf(overrides[i]);
      if (overrides[i + 1] == null) {
        options.remove(at + 1);
        options.remove(at);
      } else if (at < 0) {
        options.add(overrides[i]);
        options.add(overrides[i + 1]);
      } else {
        options.set(at + 1, overrides[i + 1]);
      }
    }
    return options;
  }

  private static CliRun getPassword(List<String> options) {
    List<String> args = new ArrayList<>(List.of("get-password", "TLS-PC"));
    args.addAll(options);
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void ldapsWithTheStandInCertificate() {
    StandInDirectory server = SharedStandIn.get();
    List<String> options = options("--port", Integer.toString(server.ldapsPort()));
    options.remove("--start-tls");
    options.add("--ldaps");
    CliRun run = getPassword(options);
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("over-tls"));
  }

  @Test
  void startTlsWithTheHostNameInTheCertificate() {
    CliRun run = getPassword(options("--host", "localhost"));
    assertEquals(0, run.status(), run.err());
  }

  @Test
  void untrustedCertificateIsRefused() {
    // Without --trust-store the JVM's CA list applies, which does not know the stand-in.
    CliRun run = getPassword(options("--trust-store", null));
    assertEquals(3, run.status());
    assertTrue(run.err().startsWith("lapsbridge: "), run.err());
    assertTrue(run.err().contains("(check --trust-store and that the host name matches the certificate)"),
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void someOtherCertificateIsRefused() throws Exception {
    // A certificate made the same way but with another key: signature validation must fail.
    Path other = StandInCertificate.create(Files.createTempDirectory("other-ca")).certificate();
    CliRun run = getPassword(options("--trust-store", other.toString()));
    assertEquals(3, run.status(), run.out() + run.err());
    assertTrue(run.err().startsWith("lapsbridge: TLS with ldap://127.0.0.1:"), run.err());
    assertEquals("", run.out());
  }
}
