package io.lapsbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's server list and bind, from resolved transport settings and its own options. */
class AgentConnectionResolverTest {
  private static final Path KEYTAB = Path.of("/etc/krb5.keytab");

  @TempDir Path temp;

  private static ResolvedConnection transport(String host, Integer port, boolean ldaps,
      boolean insecure, String bindDn, Path bindPasswordFile) {
    return new ResolvedConnection(host, port, ldaps, false, insecure, bindDn, bindPasswordFile,
        null, "DC=example,DC=com", Duration.ofSeconds(5));
  }

  private static AgentServerArguments servers(List<String> servers, String domain,
      String principal) {
    return new AgentServerArguments(servers, domain, KEYTAB, principal, null, null);
  }

  @Test
  void theHostComesFirstAndThePortFillsEntriesWithoutOne() {
    AgentConnection connection = AgentConnectionResolver.resolve(
        transport("dc1", 636, true, false, null, null),
        servers(List.of("dc2", "dc3:3269"), null, "PC1$"), () -> "unused");

    assertEquals(List.of("dc1:636", "dc2:636", "dc3:3269"), connection.servers());
    assertEquals(TransportSecurity.LDAPS, connection.security());
    assertEquals("DC=example,DC=com", connection.baseDn());
    assertEquals(Duration.ofSeconds(5), connection.timeout());
  }

  @Test
  void kerberosDefaultsToTheHostsPrincipalAndTheDomainsRealm() {
    AgentConnection connection = AgentConnectionResolver.resolve(
        transport(null, null, true, false, null, null),
        servers(List.of(), "corp.example.com", null), () -> "ws-17");

    assertEquals(Optional.of("corp.example.com"), connection.domain());
    assertEquals(new MachineBind.Kerberos(KEYTAB, "WS-17$", Optional.of("CORP.EXAMPLE.COM"),
        Optional.empty()), connection.bind());
  }

  @Test
  void aTypedBindDnBindsSimplyWithItsPasswordFile() throws Exception {
    Path password = Files.writeString(temp.resolve("pw"), "s3cret\n");
    MachineBind bind = AgentConnectionResolver.resolve(
        transport("dc1", null, true, false, "CN=Stand-in", password),
        servers(List.of(), null, null), () -> {
          throw new AssertionError("a simple bind needs no host name");
        }).bind();

    MachineBind.Simple simple = assertInstanceOf(MachineBind.Simple.class, bind);
    assertEquals("s3cret", simple.password().reveal());

    SettingsException noFile = assertThrows(SettingsException.class,
        () -> AgentConnectionResolver.resolve(transport("dc1", null, true, false, "CN=X", null),
            servers(List.of(), null, null), () -> "pc"));
    assertEquals("--bind-dn needs --bind-password-file", noFile.getMessage());
  }

  @Test
  void withoutTlsItRefusesUnlessInsecureWasTyped() {
    SettingsException kerberos = assertThrows(SettingsException.class,
        () -> AgentConnectionResolver.resolve(transport("dc1", null, false, false, null, null),
            servers(List.of(), null, "PC$"), () -> "pc"));
    assertTrue(kerberos.getMessage().startsWith("refusing to send passwords without TLS"),
        kerberos.getMessage());
    SettingsException simple = assertThrows(SettingsException.class,
        () -> AgentConnectionResolver.resolve(
            transport("dc1", null, false, false, "CN=X", temp.resolve("pw")),
            servers(List.of(), null, null), () -> "pc"));
    assertTrue(simple.getMessage().startsWith("refusing a simple bind without TLS"),
        simple.getMessage());

    AgentConnection insecure = AgentConnectionResolver.resolve(
        transport("dc1", null, false, true, null, null), servers(List.of(), null, "PC$"),
        () -> "pc");
    assertEquals(TransportSecurity.NONE, insecure.security());
  }

  @Test
  void itNeedsServersOrADomain() {
    SettingsException e = assertThrows(SettingsException.class,
        () -> AgentConnectionResolver.resolve(transport(" ", null, true, false, null, null),
            servers(List.of(), null, "PC$"), () -> "pc"));
    assertEquals("give --server HOST (repeatable) or --domain DOMAIN for DNS SRV discovery",
        e.getMessage());
  }

  @Test
  void aServerPortOutOfRangeIsAUsageError() {
    // #18 item 5: the server set threw IllegalArgumentException, printed as an internal error.
    SettingsException e = assertThrows(SettingsException.class,
        () -> AgentConnectionResolver.resolve(transport(null, null, true, false, null, null),
            servers(List.of("dc1:99999"), null, "PC$"), () -> "pc"));
    assertEquals("--server 'dc1:99999' is not HOST or HOST:PORT with a port from 1 to 65535",
        e.getMessage());
  }
}
