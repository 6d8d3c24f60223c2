package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lapsbridge.agent.AgentRuntime;
import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The agent shares the connection mixin: transport settings come from {@code LAPSBRIDGE_*}
 * variables and profiles as for every command, the bind identity never does.
 */
class AgentConnectionOptionsTest {
  @TempDir Path temp;

  private static AgentConnection agentConnection(Map<String, String> environment,
      String... args) {
    return agentConnection(environment, null, args);
  }

  private static AgentConnection agentConnection(Map<String, String> environment,
      java.io.PrintWriter err, String... args) {
    CommandFactory factory = new CommandFactory(environment, new AgentRuntime(
        firstUid0Account -> {
          throw new AssertionError("no accounts needed");
        }, Clock.systemUTC(), duration -> { }, new SplittableRandom(1), 1));
    CommandLine line = new CommandLine(AgentCommand.RunOnce.class, factory);
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.parseArgs(args);
    AgentCommand.RunOnce command = line.getCommand();
    return err == null ? command.options.connection() : command.options.connection(err);
  }

  private static ConnectionSettings adminSettings(Map<String, String> environment,
      String... args) {
    CommandLine line = new CommandLine(SchemaCommand.Check.class,
        new CommandFactory(environment, AgentRuntime.system()));
    line.setCaseInsensitiveEnumValuesAllowed(true);
    line.parseArgs(args);
    SchemaCommand.Check command = line.getCommand();
    return command.connection.settings();
  }

  @Test
  void theAgentTakesItsTransportFromLapsbridgeVariables() throws Exception {
    Path ca = Files.writeString(temp.resolve("ca.pem"), "not read here");
    AgentConnection connection = agentConnection(Map.of(
        "LAPSBRIDGE_HOST", "dc1.example.com",
        "LAPSBRIDGE_PORT", "636",
        "LAPSBRIDGE_TRUST_STORE", ca.toString(),
        "LAPSBRIDGE_BASE_DN", "DC=example,DC=com",
        "LAPSBRIDGE_TIMEOUT", "7"), "--ldaps", "--principal", "PC1$",
        "--server", "dc2.example.com");

    assertEquals(List.of("dc1.example.com:636", "dc2.example.com:636"), connection.servers());
    assertEquals(TransportSecurity.LDAPS, connection.security());
    assertEquals(ca, connection.trustStore());
    assertEquals("DC=example,DC=com", connection.baseDn());
    assertEquals(Duration.ofSeconds(7), connection.timeout());
    assertEquals(new MachineBind.Kerberos(Path.of("/etc/krb5.keytab"), "PC1$", Optional.empty(),
        Optional.empty()), connection.bind());
  }

  @Test
  void theAgentTakesItsTransportFromAProfileAndTheCommandLineWins() throws Exception {
    Path file = Files.writeString(temp.resolve("profiles.properties"),
        "site.host=dc3.example.com\nsite.port=3269\nsite.security=start-tls\n"
            + "site.base-dn=DC=corp\nsite.timeout=9\n");
    AgentConnection connection = agentConnection(Map.of("LAPSBRIDGE_CONFIG", file.toString(),
        "LAPSBRIDGE_PROFILE", "site"), "--principal", "PC1$", "--timeout", "4");

    assertEquals(List.of("dc3.example.com:3269"), connection.servers());
    assertEquals(TransportSecurity.START_TLS, connection.security());
    assertEquals("DC=corp", connection.baseDn());
    assertEquals(Duration.ofSeconds(4), connection.timeout(), "--timeout beats the profile");
  }

  @Test
  void anAdministratorsBindIdentityNeverReachesTheAgent() throws Exception {
    Path password = Files.writeString(temp.resolve("admin.pw"), "s3cret\n");
    Path file = Files.writeString(temp.resolve("profiles.properties"),
        "default.host=dc1.example.com\ndefault.security=ldaps\n"
            + "default.bind-dn=CN=Admin,DC=example,DC=com\n"
            + "default.bind-password-file=" + password + "\n");
    Map<String, String> environment = Map.of("LAPSBRIDGE_CONFIG", file.toString(),
        "LAPSBRIDGE_BIND_DN", "CN=Operator,DC=example,DC=com",
        "LAPSBRIDGE_BIND_PASSWORD_FILE", password.toString());

    // An admin command binds as the environment says (so this test would see the identity) ...
    assertEquals("CN=Operator,DC=example,DC=com", adminSettings(environment).bindDn());
    // ... the agent, from the same environment and default profile, binds as the machine.
    AgentConnection agent = agentConnection(environment, "--principal", "PC1$");
    assertInstanceOf(MachineBind.Kerberos.class, agent.bind());
    assertEquals(List.of("dc1.example.com"), agent.servers(), "the transport still applies");
    assertEquals(TransportSecurity.LDAPS, agent.security());

    // Only its own command line can make the agent bind simply.
    AgentConnection typed = agentConnection(environment, "--bind-dn", "CN=Stand-in",
        "--bind-password-file", password.toString());
    assertEquals("CN=Stand-in", assertInstanceOf(MachineBind.Simple.class, typed.bind()).dn());
  }

  @Test
  void theAgentWarnsOnStderrWhenInsecure() throws Exception {
    // #18 item 10: the agent's cycle says so, as the administrator's commands do.
    Path password = Files.writeString(temp.resolve("machine.pw"), "s3cret\n");
    java.io.StringWriter simple = new java.io.StringWriter();
    agentConnection(Map.of(), new java.io.PrintWriter(simple), "--server", "dc1",
        "--insecure", "--bind-dn", "CN=PC1", "--bind-password-file", password.toString());
    assertEquals("lapsbridge: warning: --insecure: the bind password and the password written"
        + " cross the network in clear text\n", simple.toString().replace("\r\n", "\n"));

    java.io.StringWriter kerberos = new java.io.StringWriter();
    agentConnection(Map.of(), new java.io.PrintWriter(kerberos), "--server", "dc1",
        "--insecure", "--principal", "PC1$");
    assertEquals("lapsbridge: warning: --insecure: without TLS, the password written is"
        + " protected only by GSSAPI sealing\n", kerberos.toString().replace("\r\n", "\n"));

    java.io.StringWriter tls = new java.io.StringWriter();
    agentConnection(Map.of(), new java.io.PrintWriter(tls), "--server", "dc1", "--ldaps",
        "--principal", "PC1$");
    assertEquals("", tls.toString());
  }
}
