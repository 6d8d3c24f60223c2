package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.GSSAPIChannelBindingType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The administrator's GSSAPI bind: ticket cache or keytab, sealing or channel bindings. */
class KerberosLoginTest {
  private static final KerberosLogin CACHE = new KerberosLogin(Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Path.of("/tmp/cc")),
      Optional.empty());

  @Test
  void aTicketCacheLoginNeverFallsBackToAPasswordPrompt() {
    GSSAPIBindRequestProperties p = CACHE.properties(TransportSecurity.NONE, "dc1.corp.test");
    assertTrue(p.useTicketCache());
    assertTrue(p.requireCachedCredentials());
    assertFalse(p.useKeyTab());
    assertEquals("/tmp/cc", p.getTicketCachePath());
    assertEquals("dc1.corp.test", p.getSASLClientServerName(), "the SPN is ldap/<DC name>");
    assertEquals("ldap", p.getServicePrincipalProtocol());
  }

  @Test
  void withoutTlsTheSessionIsSealedAndOverTlsBoundToTheChannel() {
    assertEquals(List.of(SASLQualityOfProtection.AUTH_CONF),
        CACHE.properties(TransportSecurity.NONE, "dc").getAllowedQoP());
    assertEquals(GSSAPIChannelBindingType.NONE,
        CACHE.properties(TransportSecurity.NONE, "dc").getChannelBindingType());
    for (TransportSecurity tls : List.of(TransportSecurity.LDAPS, TransportSecurity.START_TLS)) {
      assertEquals(List.of(SASLQualityOfProtection.AUTH),
          CACHE.properties(tls, "dc").getAllowedQoP());
      assertEquals(GSSAPIChannelBindingType.TLS_SERVER_END_POINT,
          CACHE.properties(tls, "dc").getChannelBindingType());
    }
  }

  @Test
  void aKeytabLoginNeedsItsPrincipalAndUsesNoCache() {
    assertThrows(IllegalArgumentException.class, () -> new KerberosLogin(
        Optional.of(Path.of("/kt")), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty()));
    KerberosLogin keytab = new KerberosLogin(Optional.of(Path.of("/kt")),
        Optional.of("svc@CORP.TEST"), Optional.of("CORP.TEST"), Optional.of("kdc1"),
        Optional.empty(), Optional.empty());
    GSSAPIBindRequestProperties p = keytab.properties(TransportSecurity.LDAPS, "dc");
    assertTrue(p.useKeyTab());
    assertFalse(p.useTicketCache());
    assertEquals("/kt", p.getKeyTabPath());
    assertEquals("svc@CORP.TEST", p.getAuthenticationID());
    assertEquals("CORP.TEST", p.getRealm());
    assertEquals("kdc1", p.getKDCAddress());
    assertEquals("'svc@CORP.TEST' (GSSAPI)", new ConnectionSettings(null, 0,
        TransportSecurity.LDAPS, null, null, null, null, null, null, keytab,
        new DcLocator("corp.test", Optional.empty())).who());
  }

  @Test
  void aSimpleBindRefusedInClearSaysWhatToUseInstead() {
    assertEquals("; the server requires LDAP signing or TLS and refuses a simple bind in clear"
        + " text: bind with --kerberos (signed and sealed), or use --ldaps or --start-tls",
        Connector.strongerAuthHint(ResultCode.STRONG_AUTH_REQUIRED, TransportSecurity.NONE));
    assertEquals("", Connector.strongerAuthHint(ResultCode.STRONG_AUTH_REQUIRED,
        TransportSecurity.LDAPS));
    assertEquals("", Connector.strongerAuthHint(ResultCode.INVALID_CREDENTIALS,
        TransportSecurity.NONE));
  }

  @Test
  void theSdksMessageIsShownOnOneLineWithoutItsVersion() {
    assertEquals("An error occurred: Configuration Error: Line 1: expected [{]",
        Connector.oneLine("An error occurred: Configuration Error:\\n\\tLine 1: expected [{],"
            + " ldapSDKVersion=7.0.5, revision=abc"));
  }

  @Test
  void discoverySettingsPointAtTheControllerChosen() {
    ConnectionSettings discovered = new ConnectionSettings(null, 0, TransportSecurity.NONE,
        null, null, null, null, null, null, CACHE, new DcLocator("corp.test", Optional.empty()));
    assertEquals("a domain controller of corp.test", discovered.endpoint());
    assertEquals("ldap://dc2.corp.test:389", discovered.at("dc2.corp.test", 389).endpoint());
    assertThrows(IllegalArgumentException.class, () -> new ConnectionSettings(null, 389,
        TransportSecurity.NONE, null, null, null, null, null, null, null, null));
  }
}
