package io.lapsbridge.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.NtHash;
import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rpc.RpcCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's NTLM identity from its keytab, and the hosts GetKey is asked at (#14). */
class DcPublicKeyTest {
  static final Path KEYTAB = Path.of("src/test/resources/keytab/ws01.keytab");
  @TempDir Path temp;

  @Test
  void theMachineAccountsRc4KeyIsItsNtHashAndItsRealmTheDomain() {
    List<String> whyNot = new ArrayList<>();
    RpcCredentials.NtHashKey key =
        DcPublicKey.machineCredentials(KEYTAB, "ws01$", whyNot).orElseThrow();
    assertEquals("WS01$", key.user());
    assertEquals("EXAMPLE.COM", key.domain());
    assertArrayEquals(NtHash.of(Secret.of("Machine-Pw-01")), key.ntHash());
    assertEquals(List.of(), whyNot);
    assertTrue(DcPublicKey.machineCredentials(KEYTAB, "WS01$@EXAMPLE.COM", whyNot).isPresent());
  }

  @Test
  void noKeyOrNoKeytabSaysWhyWithoutKeyMaterial() throws Exception {
    List<String> whyNot = new ArrayList<>();
    assertEquals(Optional.empty(), DcPublicKey.machineCredentials(KEYTAB, "PC9$", whyNot));
    assertEquals(List.of("no RC4-HMAC key for PC9$ in the keytab " + KEYTAB
        + " (NTLM needs the account's NT hash)"), whyNot);
    Path missing = temp.resolve("none.keytab");
    whyNot.clear();
    assertEquals(Optional.empty(), DcPublicKey.machineCredentials(missing, "WS01$", whyNot));
    assertEquals(List.of("cannot read the keytab " + missing + " (NoSuchFileException)"), whyNot);
    Path garbage = temp.resolve("garbage.keytab");
    Files.write(garbage, new byte[] {1, 2, 3});
    whyNot.clear();
    assertEquals(Optional.empty(), DcPublicKey.machineCredentials(garbage, "WS01$", whyNot));
    assertTrue(whyNot.get(0).startsWith("the keytab " + garbage + " is not readable: "), whyNot.get(0));
  }

  @Test
  void getKeyGoesToTheConfiguredServersInOrderOrToTheDomain() {
    assertEquals(List.of("dc1.example.com", "10.0.0.2", "fe80::1", "dc3"),
        DcPublicKey.hosts(connection(List.of("dc1.example.com:636", "10.0.0.2", "[fe80::1]:389",
            "dc3"), Optional.empty())));
    assertEquals(List.of("example.com"),
        DcPublicKey.hosts(connection(List.of(), Optional.of("example.com"))));
  }

  static AgentConnection connection(List<String> servers, Optional<String> domain) {
    return new AgentConnection(servers, domain, TransportSecurity.LDAPS, null,
        new MachineBind.Simple("cn=x", Secret.of("p")), null, Duration.ofSeconds(5));
  }
}
