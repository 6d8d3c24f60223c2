package io.lapsbridge.cli;

import static io.lapsbridge.cli.SharedStandIn.args;
import static io.lapsbridge.cli.SharedStandIn.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.model.FileTime;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #14: {@code migrate} mirrors a legacy password into encrypted msLAPS-EncryptedPassword with
 * the published group public key; get-password then decrypts it to the legacy password. A dry
 * run writes nothing, and with no public key to be had the run stops before any write.
 */
class MigrateEncryptedMirrorIT {
  private static final String SID = AgentEncryptedIT.SID;
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  @TempDir static Path shared;
  private static Path publicKey;
  private static Path rootKeys;
  private static List<String> admin;

  @BeforeAll
  static void publishKeys() {
    publicKey = shared.resolve("group.pub.json");
    rootKeys = shared.resolve("keys.json");
    admin = connect("admin");
    CliRun pub = CliRun.of(args(admin, "kds", "public-key", "--out", publicKey.toString(),
        "--sid", SID));
    assertEquals(0, pub.status(), pub.err());
    CliRun export = CliRun.of(args(admin, "kds", "export", "--out", rootKeys.toString()));
    assertEquals(0, export.status(), export.err());
  }

  private static String ticks(String instant) {
    return Long.toString(FileTime.of(Instant.parse(instant)).ticks());
  }

  /** One legacy-only computer in its own OU, and a plan mirroring it encrypted to SID. */
  private static Path planFor(String ouName, String computer, String password) throws Exception {
    String ou = SharedStandIn.organizationalUnit(ouName);
    SharedStandIn.computer(ou, computer, "ms-Mcs-AdmPwd", password,
        "ms-Mcs-AdmPwdExpirationTime", ticks("2026-06-20T00:00:00Z"));
    Path rules = shared.resolve(ouName + ".rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: mirror-encrypted\n"
        + "    scope: {subtree: \"" + ou + "\"}\n    target: side-by-side\n"
        + "    mirror: {target: encrypted, decryptor: \"" + SID + "\"}\n",
        StandardCharsets.UTF_8);
    Path plan = shared.resolve(ouName + ".plan.json");
    CliRun planned = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", AS_OF.toString(), "--base-dn", ou, "--output",
        plan.toString()));
    assertEquals(0, planned.status(), planned.err());
    assertTrue(planned.out().contains("Actions: 1 (mirror-to-windows 1)"), planned.out());
    String json = Files.readString(plan, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"decryptor\" : \"" + SID + "\""), json);
    return plan;
  }

  private static SearchResultEntry entry(String computer, String ouName) throws Exception {
    try (LDAPConnection c = SharedStandIn.admin()) {
      return c.getEntry("cn=" + computer + ",ou=" + ouName + ",dc=example,dc=com",
          "ms-Mcs-AdmPwd", "msLAPS-Password", "msLAPS-EncryptedPassword",
          "msLAPS-PasswordExpirationTime");
    }
  }

  @Test
  void aLegacyPasswordIsMirroredEncryptedAndDecryptsToItself() throws Exception {
    Path plan = planFor("MigEncIT", "ENCM-1", "Legacy-Enc-Pw-1");

    CliRun dry = CliRun.of(MigrationFixtures.with(admin, "migrate", "apply", "--plan",
        plan.toString(), "--dry-run", "--public-key-file", publicKey.toString()));
    assertEquals(0, dry.status(), dry.out() + dry.err());
    assertTrue(dry.out().contains("would apply"), dry.out());
    assertFalse(entry("ENCM-1", "MigEncIT").hasAttribute("msLAPS-EncryptedPassword"),
        "a dry run writes nothing");
    assertFalse(Files.exists(Path.of(plan + ".journal")), "nor a journal");

    CliRun applied = CliRun.of(MigrationFixtures.with(admin, "migrate", "apply", "--plan",
        plan.toString(), "--public-key-file", publicKey.toString()));
    assertEquals(0, applied.status(), applied.out() + applied.err());
    SearchResultEntry after = entry("ENCM-1", "MigEncIT");
    assertTrue(after.hasAttribute("msLAPS-EncryptedPassword"));
    assertNull(after.getAttributeValue("msLAPS-Password"), "nothing in clear text");
    assertEquals("Legacy-Enc-Pw-1", after.getAttributeValue("ms-Mcs-AdmPwd"),
        "the legacy value is never cleared");
    assertEquals(ticks(AS_OF.toString()), after.getAttributeValue("msLAPS-PasswordExpirationTime"));

    CliRun get = CliRun.of(args(admin, "get-password", "ENCM-1", "--kds-key-file",
        rootKeys.toString(), "--format", "json"));
    assertEquals(0, get.status(), get.err());
    assertTrue(get.out().contains("\"password\" : \"Legacy-Enc-Pw-1\"")
        || get.out().contains("\"password\":\"Legacy-Enc-Pw-1\""), get.out());
    assertTrue(get.out().contains("Success"), get.out());
    assertTrue(get.out().contains("msLAPS-EncryptedPassword") || get.out().contains("Encrypted"),
        get.out());

    // Run again: the guard recognises the copy by its mark, and nothing is rewritten.
    Files.delete(Path.of(plan + ".journal"));
    CliRun again = CliRun.of(MigrationFixtures.with(admin, "migrate", "apply", "--plan",
        plan.toString(), "--public-key-file", publicKey.toString()));
    assertEquals(0, again.status(), again.out() + again.err());
    assertTrue(again.out().contains("already"), again.out());
    assertTrue(java.util.Arrays.equals(after.getAttributeValueBytes("msLAPS-EncryptedPassword"),
        entry("ENCM-1", "MigEncIT").getAttributeValueBytes("msLAPS-EncryptedPassword")));
  }

  @Test
  void withNoPublicKeyTheRunStopsBeforeAnyWrite() throws Exception {
    Path plan = planFor("MigEncNoKeyIT", "ENCM-2", "Legacy-Enc-Pw-2");
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(MigrationFixtures.with(admin, "migrate",
        "apply", "--plan", plan.toString(), "--rpc-port", Integer.toString(closed))));
    CliRun refused = CliRun.of(command.toArray(String[]::new));
    assertEquals(3, refused.status(), refused.out() + refused.err());
    assertTrue(refused.err().contains("no public key for encrypted mirrors"), refused.err());
    assertTrue(refused.err().contains("--public-key-file"), refused.err());
    SearchResultEntry after = entry("ENCM-2", "MigEncNoKeyIT");
    assertFalse(after.hasAttribute("msLAPS-EncryptedPassword"));
    assertEquals("Legacy-Enc-Pw-2", after.getAttributeValue("ms-Mcs-AdmPwd"));
  }
}
