package io.lapsbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DcLocator;
import io.lapsbridge.directory.KerberosLogin;
import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --kerberos, --domain and --dns-server: command line over environment over profile. */
class KerberosSettingsTest {
  @TempDir Path temp;

  private SettingsResolver resolver(Map<String, String> environment) {
    return new SettingsResolver(environment, temp.resolve("none.properties"),
        env -> new TicketCacheName(env, 1000, false, path -> false));
  }

  private static ConnectionArguments typed(String host, boolean startTls, String bindDn,
      String profile, Path file, KerberosArguments kerberos) {
    return new ConnectionArguments(host, null, false, startTls, false, bindDn, null, null, null,
        profile, file, null, null, kerberos);
  }

  private static KerberosArguments kerberos(String domain) {
    return new KerberosArguments(true, null, null, null, null, domain, null);
  }

  @Test
  void kerberosWithADomainNeedsNoHostNoPasswordAndNoTls() {
    ConnectionSettings settings = resolver(Map.of("KRB5CCNAME", "FILE:/tmp/cc"))
        .administrator(typed(null, false, null, null, null, kerberos("corp.test")));
    assertNull(settings.host());
    assertEquals(0, settings.port(), "the SRV record's port");
    assertEquals(TransportSecurity.NONE, settings.security(), "sealed by SASL instead");
    assertNull(settings.bindDn());
    assertNull(settings.bindPassword());
    assertEquals(new DcLocator("corp.test", Optional.empty()), settings.locator());
    assertEquals(new KerberosLogin(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.of(Path.of("/tmp/cc")), Optional.empty()),
        settings.kerberos());
  }

  @Test
  void theEnvironmentAndAProfileCanAskForKerberos() throws Exception {
    ConnectionSettings fromEnvironment = resolver(Map.of("LAPSBRIDGE_KERBEROS", "true",
        "LAPSBRIDGE_DOMAIN", "env.test", "LAPSBRIDGE_DNS_SERVER", "10.0.0.53:5353",
        "LAPSBRIDGE_REALM", "ENV.TEST")).administrator(typed(null, false, null, null, null,
            KerberosArguments.NONE));
    assertEquals(new DcLocator("env.test", Optional.of("10.0.0.53:5353")),
        fromEnvironment.locator());
    assertEquals(Optional.of("ENV.TEST"), fromEnvironment.kerberos().realm());

    Path file = Files.writeString(temp.resolve("p.properties"), "corp.kerberos=true\n"
        + "corp.domain=corp.test\ncorp.keytab=" + temp + "/kt\ncorp.principal=svc@CORP.TEST\n"
        + "corp.security=ldaps\n");
    Files.writeString(temp.resolve("kt"), "");
    ConnectionSettings fromProfile = resolver(Map.of())
        .administrator(typed(null, false, null, "corp", file, KerberosArguments.NONE));
    assertEquals(TransportSecurity.LDAPS, fromProfile.security());
    assertEquals(Optional.of(temp.resolve("kt")), fromProfile.kerberos().keytab());
    assertEquals(Optional.empty(), fromProfile.kerberos().ticketCache(), "a keytab needs none");
    assertEquals("corp.test", fromProfile.locator().domain());
  }

  @Test
  void aHostWinsOverADomainAtTheSameLevelAndATypedDomainOverAProfilesHost() throws Exception {
    ConnectionSettings both = resolver(Map.of())
        .administrator(typed("dc9.corp.test", true, null, null, null, kerberos("corp.test")));
    assertEquals("dc9.corp.test", both.host());
    assertNull(both.locator());
    assertEquals(389, both.port());

    Path file = Files.writeString(temp.resolve("p.properties"), "corp.host=profile-dc\n");
    ConnectionSettings typedDomain = resolver(Map.of())
        .administrator(typed(null, false, null, "corp", file, kerberos("typed.test")));
    assertNull(typedDomain.host());
    assertEquals("typed.test", typedDomain.locator().domain());
  }

  @Test
  void severalDomainsAreSearchedOnlyWhereACommandSearchesSeveral() {
    SettingsResolver resolver = resolver(Map.of());
    ConnectionArguments two = typed(null, false, null, null, null, kerberos("a.test, b.test"));
    assertEquals(List.of("a.test", "b.test"), resolver.administrators(two).stream()
        .map(s -> s.locator().domain()).toList());
    assertEquals("--domain names 2 domains (a.test, b.test); this command works on one domain"
        + " (get-password and inventory search several)",
        assertThrows(SettingsException.class, () -> resolver.administrator(two)).getMessage());
  }

  @Test
  void aProfileListsOtherProfilesForForestsWithTheirOwnCredentials() throws Exception {
    Path password = Files.writeString(temp.resolve("pw"), "secret\n");
    Path file = Files.writeString(temp.resolve("p.properties"), "both.profiles=one, two\n"
        + "one.host=dc1.one.test\none.security=ldaps\none.bind-dn=a@one.test\n"
        + "one.bind-password-file=" + password + "\n"
        + "two.domain=two.test\ntwo.kerberos=true\n");
    SettingsResolver resolver = resolver(Map.of());
    List<ConnectionSettings> each =
        resolver.administrators(typed(null, false, null, "both", file, KerberosArguments.NONE));
    assertEquals(2, each.size());
    assertEquals("dc1.one.test", each.get(0).host());
    assertEquals("a@one.test", each.get(0).bindDn());
    assertEquals("two.test", each.get(1).locator().domain());
    assertEquals(KerberosLogin.class, each.get(1).kerberos().getClass());
    assertEquals("profile 'both' lists the profiles one, two to search; this command works on"
        + " one: choose one with --profile (get-password and inventory search them all)",
        assertThrows(SettingsException.class, () -> resolver.administrator(
            typed(null, false, null, "both", file, KerberosArguments.NONE))).getMessage());
  }

  @Test
  void mistakesAreOneLineUsageErrors() {
    SettingsResolver resolver = resolver(Map.of());
    assertEquals("choose one of --kerberos and --bind-dn", assertThrows(SettingsException.class,
        () -> resolver.administrator(typed("h", true, "cn=x", null, null, kerberos(null))))
        .getMessage());
    assertEquals("--keytab, --kerberos-principal, --realm and --kdc go with --kerberos",
        assertThrows(SettingsException.class, () -> resolver.administrator(typed("h", true,
            null, null, null, new KerberosArguments(false, null, null, "R", null, null, null))))
            .getMessage());
    assertEquals("--keytab needs --kerberos-principal (the keytab's user@REALM)",
        assertThrows(SettingsException.class, () -> resolver.administrator(typed("h", true,
            null, null, null, new KerberosArguments(true, Path.of("/kt"), null, null, null,
                null, null)))).getMessage());
    assertEquals("--dns-server '10.0.0.1:99999' is not HOST or HOST:PORT with a port from 1 to"
        + " 65535", assertThrows(SettingsException.class, () -> resolver.administrator(
            typed(null, true, null, null, null, new KerberosArguments(true, null, null, null,
                null, "corp.test", "10.0.0.1:99999")))).getMessage());
    assertEquals("LAPSBRIDGE_KERBEROS must be true or false, not 'maybe'",
        assertThrows(SettingsException.class, () -> resolver(Map.of("LAPSBRIDGE_KERBEROS",
            "maybe")).administrator(typed("h", true, null, null, null, KerberosArguments.NONE)))
            .getMessage());
  }
}
