package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transport security against a real DC: a certificate that does not name the host connected to
 * is a TLS failure, not "cannot reach" (#13 item 11). UnboundID skips the host-name check for a
 * numeric loopback address, so the test connects by this machine's name, which must resolve to
 * 127.0.0.1 (as /etc/hosts usually says) and is not in the certificate.
 */
class SambaTlsIT {
  private static SambaDc dc;

  @BeforeAll
  static void forest() {
    dc = SambaDc.shared();
  }

  @Test
  void aHostNameTheCertificateDoesNotNameIsATlsFailure() throws Exception {
    String name = InetAddress.getLocalHost().getHostName();
    assumeTrue(!name.equalsIgnoreCase("localhost")
        && InetAddress.getByName(name).getHostAddress().equals(SambaDc.HOST),
        "needs a host name other than localhost that resolves to 127.0.0.1");
    List<String> connect = new ArrayList<>(dc.administrator().connect(dc));
    connect.set(connect.indexOf(SambaDc.HOST), name);
    Cli run = Cli.run(connect, "schema", "check");
    assertEquals(3, run.status(), run.transcript());
    assertTrue(run.err().startsWith("lapsbridge: TLS with ldaps://" + name + ":636 failed:"
        + " Hostname verification failed because the expected hostname '" + name + "' was not"
        + " found in peer certificate"), run.transcript());
  }
}
