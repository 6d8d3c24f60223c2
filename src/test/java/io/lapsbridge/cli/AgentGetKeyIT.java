package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.embedded.gkdi.GetKeyServer;
import io.lapsbridge.model.Sid;
import io.lapsbridge.rpc.ntlm.Keytab;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's encrypted mode with the group public key fetched from a DC (#14): the computer
 * WS01 asks the GetKey stand-in as {@code WS01$} with the RC4 key of its keytab, writes a value
 * that the LAPS reader then decrypts online with get-password; with no DC on RPC the published
 * file is used, and with neither encrypted mode is refused. No key material is ever printed.
 */
class AgentGetKeyIT {
  /** MIT ktutil's WS01$@EXAMPLE.COM, RC4 key from "Machine-Pw-01" (see KeytabTest). */
  static final Path KEYTAB = Path.of("src/test/resources/keytab/ws01.keytab");
  static final String MACHINE_PASSWORD = "Machine-Pw-01";

  private static GetKeyServer server;
  private static String ou;
  @TempDir static Path shared;
  private static Path publicKey;
  @TempDir Path temp;
  private FileAccounts accounts;
  private CommandFactory factory;

  @BeforeAll
  static void start() throws Exception {
    server = SharedStandIn.get().startGetKeyServer(0);
    ou = SharedStandIn.organizationalUnit("AgentGetKeyIT");
    // The computer account as a DC knows it: a SID and the password its keytab was made from.
    String dn = SharedStandIn.computer(ou, "WS01", "msLAPS-PasswordExpirationTime", "0");
    try (var admin = SharedStandIn.admin()) {
      admin.modify(dn,
          new Modification(ModificationType.ADD, "objectSid",
              Sid.of(KdsFixture.DOMAIN_SID).withRid(1300).toBytes()),
          new Modification(ModificationType.ADD, "userPassword", MACHINE_PASSWORD));
    }
    publicKey = shared.resolve("readers.pub.json");
    CliRun pub = CliRun.of(args(connect("admin"), "kds", "public-key", "--out",
        publicKey.toString(), "--sid", KdsFixture.LAPS_READERS_SID));
    assertEquals(0, pub.status(), pub.err());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void fakeAccounts() throws Exception {
    accounts = FileAccounts.create(temp.resolve("accounts"), "lapsadmin", "initial");
    factory = AgentIT.fakeAgent(accounts, 1);
  }

  CliRun agent(String principal, int rpcPort, String... more) throws Exception {
    Path file = temp.resolve("policy.json");
    Files.writeString(file, AgentEncryptedIT.policy(principal, 0), StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("agent", "run-once", "--policy-file",
        file.toString(), "--computer", "WS01", "--state-dir", temp.resolve("state").toString(),
        "--keytab", KEYTAB.toString(), "--rpc-port", Integer.toString(rpcPort), "--force"));
    args.addAll(List.of(more));
    args.addAll(AgentIT.connection());
    return CliRun.with(factory, args.toArray(String[]::new));
  }

  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void theAgentEncryptsWithAFetchedKeyAndTheReaderDecryptsOnline() throws Exception {
    int before = server.getKeyCalls();
    // A name, resolved to LAPS Readers' SID through the agent's directory connection.
    CliRun run = agent("EXAMPLE\\\\LAPS Readers", server.epmPort());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("rotated: rotated 'lapsadmin'"), run.out());
    assertTrue(run.out().contains("publicKey: fetched from DC (GetKey, 127.0.0.1:"
        + server.epmPort() + ")\n"), run.out());
    assertTrue(run.err().contains("encrypted to " + KdsFixture.LAPS_READERS_SID), run.err());
    assertEquals(1, server.getKeyCalls() - before, "one public-key request per cycle");
    String password = accounts.password("lapsadmin").orElseThrow();

    List<String> reader = new ArrayList<>(connect("reader"));
    reader.addAll(List.of("--rpc-port", Integer.toString(server.epmPort())));
    CliRun get = CliRun.of(args(reader, "get-password", "WS01"));
    assertEquals(0, get.status(), get.err());
    assertTrue(get.out().contains("Password            : " + password + "\n"), get.out());
    assertTrue(get.out().contains("DecryptionStatus    : Success\n"), get.out());
    assertNoKeyMaterial(run);
  }

  @Test
  void theJsonReportNamesTheSource() throws Exception {
    CliRun run = agent(KdsFixture.LAPS_READERS_SID, server.epmPort(), "--format", "json");
    assertEquals(0, run.status(), run.err());
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertEquals("fetched from DC (GetKey, 127.0.0.1:" + server.epmPort() + ")",
        report.get("publicKey").asText());
    assertNoKeyMaterial(run);
  }

  @Test
  void withNoDcOnRpcThePublishedFileIsUsed() throws Exception {
    int closed = closedPort();
    CliRun run = agent(KdsFixture.LAPS_READERS_SID, closed, "--public-key-file",
        publicKey.toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("publicKey: published file " + publicKey + " (GetKey not"
        + " used: GetKey failed (127.0.0.1:" + closed + ": "), run.out());
    assertNoKeyMaterial(run);
  }

  @Test
  void withNeitherADcNorAFileEncryptedModeIsRefused() throws Exception {
    int closed = closedPort();
    CliRun run = agent(KdsFixture.LAPS_READERS_SID, closed);
    assertEquals(1, run.status(), run.err());
    assertTrue(run.out().startsWith("refused: the policy asks for encrypted backup"
        + " (msLAPS-EncryptedPassword), but no public-key file is configured"), run.out());
    assertTrue(run.out().contains("; no key from a DC either: GetKey failed (127.0.0.1:"
        + closed + ": "), run.out());
    assertEquals("initial", accounts.password("lapsadmin").orElseThrow());
    assertNoKeyMaterial(run);
  }

  /** Neither the keytab's RC4 key (the NT hash) nor the machine password reaches the output. */
  static void assertNoKeyMaterial(CliRun run) throws Exception {
    byte[] hash = Keytab.ntHash(Keytab.parse(Files.readAllBytes(KEYTAB)), "WS01$@EXAMPLE.COM")
        .orElseThrow();
    String all = run.out() + run.err();
    for (String secret : List.of(HexFormat.of().formatHex(hash),
        HexFormat.of().withUpperCase().formatHex(hash), Base64.getEncoder().encodeToString(hash),
        MACHINE_PASSWORD)) {
      assertFalse(all.contains(secret), "key material in the output");
    }
  }
}
