package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.sdk.Entry;
import io.lapsbridge.directory.GuardedWriter;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.model.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RFC 4528 path of {@link GuardedWriter}, which ApacheDS cannot exercise: UnboundID's
 * in-memory server supports the assertion control. Loopback only, so no TLS.
 */
class GuardedWriterAssertionIT {
  private static InMemoryDirectoryServer server;
  private static final String BASE = "dc=example,dc=com";
  private static final FileTime PLAN_TIME = FileTime.of(Instant.parse("2026-06-01T00:00:00Z"));
  private static final FileTime SEEN = FileTime.of(Instant.parse("2026-06-20T00:00:00Z"));

  @BeforeAll
  static void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.addAdditionalBindCredentials("cn=admin", "admin-secret");
    config.setSchema(null);
    server = new InMemoryDirectoryServer(config);
    server.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    server.startListening();
  }

  @AfterAll
  static void stop() {
    server.shutDown(true);
  }

  private static GuardedWriter writer() throws Exception {
    return InMemoryEstate.writer(server, BASE, 2);
  }

  private static String computer(String name, String... lines) throws Exception {
    return InMemoryEstate.computer(server, BASE, name, lines);
  }

  @Test
  void forceRotationAndMirrorUseTheAssertionControl() throws Exception {
    String dn = computer("A1", "ms-Mcs-AdmPwd: pw-A1",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks());
    try (GuardedWriter writer = writer()) {
      assertTrue(writer.usesAssertionControl());
      GuardedWriter.Result mirror = writer.perform(new Action.MirrorToWindows(dn, "r", "why",
          SEEN, "Administrator", PLAN_TIME, SEEN), false);
      assertEquals(Journal.Outcome.APPLIED, mirror.outcome(), mirror.reason());
      assertTrue(writer.read(dn).windowsMirrorsLegacy());
      GuardedWriter.Result rotate = writer.perform(new Action.ForceRotation(dn, "r", "why", true,
          SEEN, PLAN_TIME), false);
      assertEquals(Journal.Outcome.APPLIED, rotate.outcome(), rotate.reason());
      assertEquals(PLAN_TIME, writer.read(dn).legacyExpiry());
      assertEquals(Journal.Outcome.DONE, writer.perform(new Action.ForceRotation(dn, "r", "why",
          true, SEEN, PLAN_TIME), false).outcome());
    }
  }

  @Test
  void cleanupRemovesLegacyOnlyBesideANewerWindowsPassword() throws Exception {
    FileTime legacyExpiry = FileTime.of(Instant.parse("2026-04-01T00:00:00Z"));
    FileTime windowsExpiry = FileTime.of(Instant.parse("2026-06-19T00:00:00Z"));
    String dn = computer("B1", "ms-Mcs-AdmPwd: old",
        "ms-Mcs-AdmPwdExpirationTime: " + legacyExpiry.ticks(),
        "msLAPS-Password: {\"n\":\"Administrator\",\"t\":\"1dce7eb99ec4000\",\"p\":\"new\"}",
        "msLAPS-PasswordExpirationTime: " + windowsExpiry.ticks());
    Action.CleanupLegacy cleanup = new Action.CleanupLegacy(dn, "r", "why", legacyExpiry,
        windowsExpiry, FileTime.of(Instant.parse("2026-04-08T00:00:00Z")));
    try (GuardedWriter writer = writer()) {
      GuardedWriter.Result result = writer.perform(cleanup, false);
      assertEquals(Journal.Outcome.APPLIED, result.outcome(), result.reason());
      assertFalse(writer.read(dn).legacyPassword());
      assertTrue(writer.read(dn).windowsCleartext());
    }
  }

  @Test
  void aRotationAfterThePlanIsSkippedNotOverwritten() throws Exception {
    FileTime rotated = FileTime.of(Instant.parse("2026-07-15T00:00:00Z"));
    String dn = computer("C1", "ms-Mcs-AdmPwd: client",
        "ms-Mcs-AdmPwdExpirationTime: " + rotated.ticks());
    try (GuardedWriter writer = writer()) {
      GuardedWriter.Result result = writer.perform(new Action.ForceRotation(dn, "r", "why", true,
          SEEN, PLAN_TIME), false);
      assertEquals(Journal.Outcome.STALE, result.outcome());
      assertTrue(result.reason().endsWith("a client rotated"), result.reason());
      assertEquals(rotated, writer.read(dn).legacyExpiry());
    }
  }
}
