package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.lapsbridge.directory.GuardedWriter;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mirror refresh on the RFC 4528 path (UnboundID's in-memory server), including a writer that
 * lands between apply's read and its modify: the interceptor performs that write just before
 * the server processes the refresh's modify, so the assertion must reject it.
 */
class MirrorRefreshAssertionIT {
  private static final String BASE = "dc=example,dc=com";
  private static final FileTime MIRRORED = FileTime.of(Instant.parse("2026-05-03T00:00:00Z"));
  private static final FileTime ROTATED = FileTime.of(Instant.parse("2026-06-29T00:00:00Z"));
  private static final FileTime PLAN_TIME = FileTime.of(Instant.parse("2026-06-01T00:00:00Z"));
  /** DN (lower case) → the competing write to perform just before its next modify. */
  private static final Map<String, Modification[]> RACES = new ConcurrentHashMap<>();
  private static InMemoryDirectoryServer server;

  @BeforeAll
  static void start() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.addAdditionalBindCredentials("cn=admin", "admin-secret");
    config.setSchema(null);
    config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
      @Override
      public void processModifyRequest(InMemoryInterceptedModifyRequest request)
          throws LDAPException {
        String dn = request.getRequest().getDN();
        Modification[] race = RACES.remove(dn.toLowerCase(Locale.ROOT));
        if (race != null) {
          server.modify(dn, race);
        }
      }
    });
    server = new InMemoryDirectoryServer(config);
    server.add(new Entry("dn: " + BASE, "objectClass: domain", "dc: example"));
    server.startListening();
  }

  @AfterAll
  static void stop() {
    server.shutDown(true);
  }

  /** An out-of-date mirror: copied at MIRRORED (expiry = t), legacy rotated since. */
  private static String outOfDate(String name) throws Exception {
    return InMemoryEstate.computer(server, BASE, name, "ms-Mcs-AdmPwd: " + name + "-rotated",
        "ms-Mcs-AdmPwdExpirationTime: " + ROTATED.ticks(),
        "msLAPS-Password: {\"n\":\"Administrator\",\"t\":\"1dcda8fc8e68000\",\"p\":\"old\"}",
        "msLAPS-PasswordExpirationTime: " + MIRRORED.ticks());
  }

  private static Action.RefreshMirror refresh(String dn) {
    return new Action.RefreshMirror(dn, "r", "why", ROTATED, MIRRORED, "Administrator",
        PLAN_TIME);
  }

  @Test
  void refreshUsesTheAssertionControl() throws Exception {
    String dn = outOfDate("R1");
    try (GuardedWriter writer = InMemoryEstate.writer(server, BASE, 1)) {
      assertTrue(writer.usesAssertionControl());
      assertEquals(Journal.Outcome.APPLIED, writer.perform(refresh(dn), false).outcome());
      ComputerSnapshot after = writer.read(dn);
      assertTrue(after.windowsMirrorsLegacy());
      assertEquals(PLAN_TIME, after.windowsUpdated());
      assertEquals(PLAN_TIME, after.windowsExpiry());
      assertEquals(Journal.Outcome.DONE, writer.perform(refresh(dn), false).outcome());
    }
  }

  @Test
  void aClientWriteBetweenReadAndModifyStands() throws Exception {
    String dn = outOfDate("R2");
    String client = "{\"n\":\"Administrator\",\"t\":\"1dcf15996e14000\",\"p\":\"client\"}";
    RACES.put(dn.toLowerCase(Locale.ROOT), new Modification[] {
      new Modification(ModificationType.REPLACE, "msLAPS-Password", client),
      new Modification(ModificationType.REPLACE, "msLAPS-PasswordExpirationTime",
          Long.toString(FileTime.of(Instant.parse("2026-07-01T00:00:00Z")).ticks()))
    });
    try (GuardedWriter writer = InMemoryEstate.writer(server, BASE, 1)) {
      GuardedWriter.Result result = writer.perform(refresh(dn), false);
      assertEquals(Journal.Outcome.STALE, result.outcome(), result.reason());
      assertTrue(result.reason().startsWith("the entry changed between the check and the write"
          + " (assertion failed"), result.reason());
    }
    assertEquals(client, server.getEntry(dn).getAttributeValue("msLAPS-Password"));
  }

  @Test
  void aPasswordWriteAloneBetweenReadAndModifyStands() throws Exception {
    // Only msLAPS-Password changes (the expiry guard alone would not notice).
    String dn = outOfDate("R4");
    String other = "{\"n\":\"Administrator\",\"t\":\"1dcda8fc8e68000\",\"p\":\"other\"}";
    RACES.put(dn.toLowerCase(Locale.ROOT), new Modification[] {
      new Modification(ModificationType.REPLACE, "msLAPS-Password", other)
    });
    try (GuardedWriter writer = InMemoryEstate.writer(server, BASE, 1)) {
      assertEquals(Journal.Outcome.STALE, writer.perform(refresh(dn), false).outcome());
    }
    assertEquals(other, server.getEntry(dn).getAttributeValue("msLAPS-Password"));
  }

  @Test
  void aLegacyRotationBetweenReadAndModifyIsNotCopiedStale() throws Exception {
    String dn = outOfDate("R3");
    RACES.put(dn.toLowerCase(Locale.ROOT), new Modification[] {
      new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd", "R3-again")
    });
    try (GuardedWriter writer = InMemoryEstate.writer(server, BASE, 1)) {
      assertEquals(Journal.Outcome.STALE, writer.perform(refresh(dn), false).outcome());
    }
    assertTrue(server.getEntry(dn).getAttributeValue("msLAPS-Password").contains("\"old\""));
  }
}
