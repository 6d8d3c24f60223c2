package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.GSSAPIChannelBindingType;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
import com.unboundid.ldap.sdk.ServerSet;
import io.lapsbridge.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Kerberos and DNS SRV parts are configuration only here: no KDC or DNS zone is available
 * to the tests, so they check what would be sent, not a real bind.
 */
class AgentConnectionTest {
  static final MachineBind.Kerberos KERBEROS = new MachineBind.Kerberos(
      Path.of("/etc/krb5.keytab"), "PC1$", Optional.of("EXAMPLE.COM"), Optional.empty());

  @Test
  void srvNameIsTheDcLocatorsRecord() {
    assertEquals("_ldap._tcp.dc._msdcs.example.com", AgentConnection.srvName("EXAMPLE.com"));
  }

  @Test
  void withoutServersDomainControllersComeFromDnsSrv() {
    AgentConnection c = new AgentConnection(List.of(), Optional.of("example.com"),
        TransportSecurity.LDAPS, null, KERBEROS, null, Duration.ofSeconds(5));
    assertEquals("DNS SRV _ldap._tcp.dc._msdcs.example.com", c.describe());
  }

  @Test
  void configuredServersOverrideDiscoveryInOrder() throws DirectoryException {
    AgentConnection c = new AgentConnection(List.of("dc1.example.com", "dc2.example.com:3269"),
        Optional.of("example.com"), TransportSecurity.LDAPS, null, KERBEROS, null,
        Duration.ofSeconds(5));
    ServerSet set = c.serverSet(636, null, new LDAPConnectionOptions(), null);
    assertTrue(set instanceof FailoverServerSet);
    String text = set.toString();
    assertTrue(text.indexOf("dc1.example.com") < text.indexOf("dc2.example.com"), text);
    assertTrue(text.contains("636") && text.contains("3269"), text);
  }

  @Test
  void machineBindUsesTheKeytabOnlyWithoutTicketCache() {
    GSSAPIBindRequestProperties p =
        AgentConnection.gssapiProperties(KERBEROS, TransportSecurity.LDAPS);
    assertEquals("PC1$", p.getAuthenticationID());
    assertTrue(p.useKeyTab());
    assertEquals("/etc/krb5.keytab", p.getKeyTabPath());
    assertFalse(p.useTicketCache());
    assertEquals("EXAMPLE.COM", p.getRealm());
    assertEquals("ldap", p.getServicePrincipalProtocol());
    assertEquals(List.of(SASLQualityOfProtection.AUTH), p.getAllowedQoP());
    assertEquals(List.of(SASLQualityOfProtection.AUTH_CONF), AgentConnection
        .gssapiProperties(KERBEROS, TransportSecurity.NONE).getAllowedQoP());
  }

  /** #13 item 12: without them a DC enforcing channel binding refuses Kerberos over TLS. */
  @Test
  void kerberosOverTlsSendsTlsServerEndPointChannelBindings() {
    for (TransportSecurity tls : List.of(TransportSecurity.LDAPS, TransportSecurity.START_TLS)) {
      assertEquals(GSSAPIChannelBindingType.TLS_SERVER_END_POINT,
          AgentConnection.gssapiProperties(KERBEROS, tls).getChannelBindingType(), tls.name());
    }
    assertEquals(GSSAPIChannelBindingType.NONE,
        AgentConnection.gssapiProperties(KERBEROS, TransportSecurity.NONE)
            .getChannelBindingType());
  }

  @Test
  void needsServersOrADomain() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AgentConnection(List.of(), Optional.empty(), TransportSecurity.LDAPS, null,
            new MachineBind.Simple("cn=x", Secret.of("y")), null, Duration.ofSeconds(5)));
    assertEquals("give a server list or a domain to discover controllers in", e.getMessage());
  }
}
