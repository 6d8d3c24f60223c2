package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.computer;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.embedded.gkdi.GetKeyServer;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * get-password decrypting online by default, against the GetKey stand-in beside the shared
 * directory: the LAPS reader reads values encrypted to LAPS Readers, a history that mixes in a
 * former group (Domain Admins) prints what it may and marks the rest Unauthorized, and a run
 * with no DC to ask falls back to the root keys a privileged bind may read.
 */
class GetPasswordOnlineIT {
  private static GetKeyServer server;
  private static String ou;

  @BeforeAll
  static void start() throws Exception {
    server = SharedStandIn.get().startGetKeyServer(0);
    // A computer moved from Domain Admins to LAPS Readers as its encryption principal.
    ou = SharedStandIn.organizationalUnit("GetPasswordOnlineIT");
    computer(ou, "MIX-01", "msLAPS-PasswordExpirationTime", "134405568000000000");
    try (var admin = SharedStandIn.admin()) {
      admin.modify("cn=MIX-01," + ou,
          new Modification(ModificationType.ADD, "msLAPS-EncryptedPassword",
              encrypted(KdsFixture.LAPS_READERS_SID, "2026-11-30T10:00:00Z", "Mix-Now-1")),
          new Modification(ModificationType.ADD, "msLAPS-EncryptedPasswordHistory",
              encrypted(KdsFixture.LAPS_READERS_SID, "2026-11-01T10:00:00Z", "Mix-Readers-2"),
              encrypted(KdsFixture.DOMAIN_ADMINS_SID, "2026-10-01T10:00:00Z", "Mix-Admins-3")));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static byte[] encrypted(String sid, String when, String password) throws Exception {
    FileTime t = FileTime.of(Instant.parse(when));
    GroupPublicKey key = GroupPublicKey.derive(KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY),
        new SidProtectionDescriptor(sid), GkdiInterval.of(t), "example.com", "example.com");
    return new LapsEncryptor(new SecureRandom()).encrypt(key,
        new WindowsLapsPasswordJson.Value("Administrator", t, Secret.of(password)));
  }

  private static List<String> online(String who, String... command) {
    List<String> all = new ArrayList<>(connect(who));
    all.addAll(List.of("--rpc-port", Integer.toString(server.epmPort())));
    return List.of(args(all, command));
  }

  private static List<String> field(JsonNode views, String name) {
    List<String> values = new ArrayList<>();
    views.forEach(v -> values.add(v.get(name).isNull() ? null : v.get(name).asText()));
    return values;
  }

  @Test
  void theReaderDecryptsOnlineWithoutAnyRootKey() {
    int before = server.getKeyCalls();
    CliRun run = CliRun.of(online("reader", "get-password", "ENC-WS-02").toArray(String[]::new));
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("Password            : Enc-Ecdh-Pw-04\n"), run.out());
    assertTrue(run.out().contains("DecryptionStatus    : Success\n"), run.out());
    assertEquals("", run.err());
    assertEquals(1, server.getKeyCalls() - before);
  }

  @Test
  void aHistoryWithAFormerGroupPrintsWhatItMayAndMarksTheRest() throws Exception {
    CliRun run = CliRun.of(online("reader", "get-password", "MIX-01", "--history", "--format",
        "json").toArray(String[]::new));
    assertEquals(6, run.status(), run.err());
    JsonNode views = new ObjectMapper().readTree(run.out());
    assertEquals(java.util.Arrays.asList("Mix-Now-1", "Mix-Readers-2", null),
        field(views, "password"));
    assertEquals(List.of("Success", "Success", "Unauthorized"), field(views, "decryptionStatus"));
    assertEquals(List.of("LAPS Readers", "LAPS Readers", "Domain Admins"),
        field(views, "authorizedDecryptor"));
    // The refusal is the value's note; Unauthorized values add no warning line, as offline.
    String note = views.get(2).get("note").asText();
    assertTrue(note.startsWith("not an authorized decryptor of " + KdsFixture.DOMAIN_ADMINS_SID
        + ": 127.0.0.1 refused EXAMPLE\\helpdesk: not an authorized decryptor (E_ACCESSDENIED"),
        note);
    assertEquals("", run.err());
    assertFalse(run.err().contains("Mix-Admins-3") || run.out().contains("Mix-Admins-3"));
  }

  @Test
  void dsrmValuesOfAnotherGroupAreUnauthorizedPerValue() throws Exception {
    CliRun run = CliRun.of(online("reader", "get-password", "DC1", "--dsrm", "--format", "json")
        .toArray(String[]::new));
    assertEquals(5, run.status(), run.err());
    JsonNode views = new ObjectMapper().readTree(run.out());
    assertEquals(List.of("Unauthorized", "Unauthorized"), field(views, "decryptionStatus"));
  }

  @Test
  void withNoDcToAskTheAdministratorsRootKeysStandIn() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    List<String> all = new ArrayList<>(connect("admin"));
    all.addAll(List.of("--rpc-port", Integer.toString(closed)));
    CliRun admin = CliRun.of(args(all, "get-password", "ENC-WS-01"));
    assertEquals(0, admin.status(), admin.err());
    assertTrue(admin.out().contains("Password            : Enc-Current-Pw-01\n"), admin.out());

    List<String> reader = new ArrayList<>(connect("reader"));
    reader.addAll(List.of("--rpc-port", Integer.toString(closed)));
    CliRun refused = CliRun.of(args(reader, "get-password", "ENC-WS-02", "--format", "json"));
    assertEquals(5, refused.status(), refused.err());
    JsonNode views = new ObjectMapper().readTree(refused.out());
    assertEquals(List.of("Unauthorized"), field(views, "decryptionStatus"));
    String note = views.get(0).get("note").asText();
    assertTrue(note.startsWith("no domain controller gave the key (cannot connect to 127.0.0.1:"
        + closed), note);
  }
}
