package io.lapsbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command line over environment over profile over defaults, without picocli. */
class SettingsResolverTest {
  @TempDir Path temp;

  /** Nothing typed but what {@code with} sets. */
  private static final class Typed {
    String host;
    Integer port;
    boolean ldaps;
    boolean startTls;
    boolean insecure;
    String bindDn;
    Path bindPasswordFile;
    String profile;
    Path profileFile;
    Integer timeout;

    ConnectionArguments arguments() {
      return new ConnectionArguments(host, port, ldaps, startTls, insecure, bindDn,
          bindPasswordFile, null, null, profile, profileFile, timeout);
    }
  }

  private SettingsResolver resolver(Map<String, String> environment) {
    // No user's real ~/.config may leak into a test.
    return new SettingsResolver(environment, temp.resolve("no-such-profiles.properties"));
  }

  private Path profiles(String text) throws Exception {
    return Files.writeString(temp.resolve("profiles.properties"), text);
  }

  @Test
  void theCommandLineBeatsTheEnvironmentWhichBeatsTheProfile() throws Exception {
    Path file = profiles("corp.host=profile-host\ncorp.port=1111\ncorp.timeout=9\n"
        + "corp.base-dn=DC=profile\ncorp.security=ldaps\n");
    Typed typed = new Typed();
    typed.host = "typed-host";
    typed.profile = "corp";
    typed.profileFile = file;
    ConnectionSettings settings = resolver(Map.of("LAPSBRIDGE_HOST", "env-host",
        "LAPSBRIDGE_PORT", "2222")).administrator(typed.arguments());

    assertEquals("typed-host", settings.host());
    assertEquals(2222, settings.port(), "the environment beats the profile");
    assertEquals(Duration.ofSeconds(9), settings.timeout(), "the profile fills what is open");
    assertEquals("DC=profile", settings.baseDn());
    assertEquals(TransportSecurity.LDAPS, settings.security());
  }

  @Test
  void defaultsApplyWhenNothingSetsAValue() {
    Typed typed = new Typed();
    typed.host = "dc1";
    typed.startTls = true;
    ConnectionSettings settings = resolver(Map.of()).administrator(typed.arguments());

    assertEquals(389, settings.port());
    assertEquals(Duration.ofSeconds(15), settings.timeout());
    assertNull(settings.bindDn());
    assertNull(settings.bindPassword(), "no bind DN, no password asked for");
  }

  @Test
  void theDefaultProfileIsOptionalButANamedOneMustExist() throws Exception {
    Path file = profiles("default.host=from-default\ndefault.security=start-tls\n");
    Typed typed = new Typed();
    typed.profileFile = file;
    assertEquals("from-default", resolver(Map.of()).administrator(typed.arguments()).host());

    typed.profile = "nope";
    SettingsException missing = assertThrows(SettingsException.class,
        () -> resolver(Map.of()).administrator(typed.arguments()));
    assertEquals("profile 'nope' is not defined in " + file, missing.getMessage());
  }

  @Test
  void aTypedTransportFlagLeavesTheProfilesSecurityUnused() throws Exception {
    Path file = profiles("default.host=dc1\ndefault.security=ldaps\n");
    Typed typed = new Typed();
    typed.profileFile = file;
    typed.insecure = true;
    ConnectionSettings settings = resolver(Map.of()).administrator(typed.arguments());
    assertEquals(TransportSecurity.NONE, settings.security(), "--insecure was typed");
    assertEquals(389, settings.port());
  }

  @Test
  void theAgentNeverTakesABindIdentityFromTheEnvironmentOrAProfile() throws Exception {
    Path password = Files.writeString(temp.resolve("pw"), "s3cret\n");
    Path file = profiles("default.host=dc1\ndefault.security=ldaps\n"
        + "default.bind-dn=CN=Profile\ndefault.bind-password-file=" + password + "\n");
    Map<String, String> environment = Map.of("LAPSBRIDGE_BIND_DN", "CN=Env",
        "LAPSBRIDGE_BIND_PASSWORD_FILE", password.toString(), "LAPSBRIDGE_TIMEOUT", "3");
    Typed typed = new Typed();
    typed.profileFile = file;

    ResolvedConnection agent = resolver(environment).transportOnly(typed.arguments());
    assertNull(agent.bindDn());
    assertNull(agent.bindPasswordFile());
    assertEquals("dc1", agent.host(), "the transport still comes from the profile");
    assertTrue(agent.ldaps());
    assertEquals(Duration.ofSeconds(3), agent.timeout(), "and from the environment");

    typed.bindDn = "CN=Typed";
    assertEquals("CN=Typed", resolver(environment).transportOnly(typed.arguments()).bindDn());
    // An administrator's command, from the same environment, would bind as it says.
    typed.bindDn = null;
    assertEquals("CN=Env", resolver(environment).administrator(typed.arguments()).bindDn());
  }

  @Test
  void numbersThatAreNotNumbersAreNamed() throws Exception {
    Typed typed = new Typed();
    typed.host = "dc1";
    typed.ldaps = true;
    SettingsException environment = assertThrows(SettingsException.class,
        () -> resolver(Map.of("LAPSBRIDGE_PORT", "ldap")).administrator(typed.arguments()));
    assertEquals("LAPSBRIDGE_PORT is not a number: 'ldap'", environment.getMessage());

    typed.profileFile = profiles("default.timeout=soon\n");
    SettingsException profile = assertThrows(SettingsException.class,
        () -> resolver(Map.of()).administrator(typed.arguments()));
    assertEquals(typed.profileFile + ": default.timeout is not a number: 'soon'",
        profile.getMessage());

    typed.profileFile = null;
    typed.port = 389;
    assertEquals(389, resolver(Map.of("LAPSBRIDGE_PORT", "ldap")).transportOnly(
        typed.arguments()).port(), "a typed port leaves the variable unread");
  }

  @Test
  void aProfileRejectsUnknownKeysAndCannotTurnTlsOff() throws Exception {
    Typed typed = new Typed();
    typed.profile = "corp";
    typed.profileFile = profiles("corp.password=hunter2\n");
    SettingsException unknown = assertThrows(SettingsException.class,
        () -> resolver(Map.of()).administrator(typed.arguments()));
    assertTrue(unknown.getMessage().startsWith(typed.profileFile + ": unknown key 'corp.password'"),
        unknown.getMessage());
    assertFalse(unknown.getMessage().contains("hunter2"), "a value is never echoed");

    typed.profileFile = profiles("corp.host=dc1\ncorp.security=none\n");
    assertThrows(SettingsException.class,
        () -> resolver(Map.of()).administrator(typed.arguments()));
  }

  @Test
  void anAdministratorsConnectionNeedsAHostAndTls() {
    Typed typed = new Typed();
    assertEquals("--host or --domain is required (or set LAPSBRIDGE_HOST or"
        + " LAPSBRIDGE_DOMAIN)", assertThrows(
        SettingsException.class, () -> resolver(Map.of()).administrator(typed.arguments()))
        .getMessage());
    typed.host = "dc1";
    assertTrue(assertThrows(SettingsException.class,
        () -> resolver(Map.of()).administrator(typed.arguments())).getMessage()
        .startsWith("refusing a connection without TLS"));
    typed.ldaps = true;
    typed.startTls = true;
    assertEquals("choose one of --ldaps and --start-tls", assertThrows(SettingsException.class,
        () -> resolver(Map.of()).administrator(typed.arguments())).getMessage());
    typed.startTls = false;
    typed.port = 70000;
    assertEquals("--port must be between 1 and 65535: 70000", assertThrows(
        SettingsException.class, () -> resolver(Map.of()).administrator(typed.arguments()))
        .getMessage());
  }

  @Test
  void theBindPasswordComesFromItsFileOrTheEnvironment() throws Exception {
    Typed typed = new Typed();
    typed.host = "dc1";
    typed.ldaps = true;
    typed.bindDn = "CN=Reader";
    Map<String, String> environment = new HashMap<>();
    environment.put("LAPSBRIDGE_BIND_PASSWORD", "from-env");
    assertEquals("from-env",
        resolver(environment).administrator(typed.arguments()).bindPassword().reveal());

    typed.bindPasswordFile = Files.writeString(temp.resolve("pw"), "first line\r\nsecond\n");
    ConnectionSettings settings = resolver(environment).administrator(typed.arguments());
    assertEquals("first line", settings.bindPassword().reveal(), "the file wins, line one only");
    assertFalse(settings.toString().contains("first line"), "the password never prints");
  }

  @Test
  void anUnreadablePasswordFileNamesTheFileNotItsContents() {
    Path missing = temp.resolve("missing.pw");
    SettingsException e = assertThrows(SettingsException.class,
        () -> BindPassword.fromFile(missing));
    assertEquals("cannot read --bind-password-file " + missing + ": NoSuchFileException",
        e.getMessage());
  }
}
