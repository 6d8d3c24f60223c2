package io.lapsbridge.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent says when its Kerberos bind fails on a real KDC (#13 item 5): the reason, not
 * only the SDK's {@code local error (82)}.
 */
class SambaKerberosIT {
  @TempDir static Path files;
  private static SambaDc dc;
  private static Account computer;
  private static Account other;
  private static Path policy;

  @BeforeAll
  static void computers() throws Exception {
    dc = SambaDc.shared();
    assertEquals(0, LapsSchema.extend(dc).status(), LapsSchema.extend(dc).transcript());
    String ou = Forest.ou(dc, "KerberosIT");
    computer = Forest.computer(dc, "KRB-PC", ou);
    other = Forest.computer(dc, "KRB-OTHER", ou);
    policy = files.resolve("policy.json");
    Files.writeString(policy, "{\"gpo\": {\"BackupDirectory\": 2, \"ADPasswordEncryptionEnabled\":"
        + " 0, \"AdministratorAccountName\": \"nobody\"}, \"device\": {\"joinState\": \"ad\"}}",
        StandardCharsets.UTF_8);
  }

  private static Cli agent(Path keytab, String kdc) {
    List<String> args = new ArrayList<>(List.of("agent", "run-once", "--dry-run",
        "--policy-file", policy.toString(), "--computer", "KRB-PC", "--state-dir",
        files.resolve("state").toString(), "--server", SambaDc.HOST, "--ldaps",
        "--trust-store", dc.certificate().toString(), "--keytab", keytab.toString(),
        "--principal", computer.name(), "--realm", SambaDc.REALM, "--kdc", kdc,
        "--timeout", "5"));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aKeytabWithoutThePrincipalsKeySaysSo() throws Exception {
    Cli run = agent(Forest.keytab(dc, other), SambaDc.HOST);
    assertEquals(3, run.status(), run.transcript());
    assertTrue(run.out().startsWith("failed: bind as 'KRB-PC$' (GSSAPI) to 127.0.0.1:636 failed:"
        + " local error (82); Kerberos: no key for KRB-PC$ in the keytab "), run.transcript());
    assertFalse(run.transcript().contains(other.password()));
  }
}
