package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mirror refresh on UnboundID's in-memory server, including a writer that lands between apply's
 * read and its modify: the interceptor performs that write just before the server processes the
 * refresh's modify, so the guard must reject it. Each race runs twice: with the RFC 4528
 * assertion control, and with the value guard (the interceptor hides the control from the root
 * DSE, as ApacheDS lacks it), which the stand-in cannot race deterministically.
 */
class MirrorRefreshAssertionIT {
  private static final String BASE = "dc=example,dc=com";
  private static final FileTime MIRRORED = FileTime.of(Instant.parse("2026-05-03T00:00:00Z"));
  private static final FileTime ROTATED = FileTime.of(Instant.parse("2026-06-29T00:00:00Z"));
  private static final FileTime PLAN_TIME = FileTime.of(Instant.parse("2026-06-01T00:00:00Z"));
  /** DN (lower case) → the competing write to perform just before its next modify. */
  private static final Map<String, Modification[]> RACES = new ConcurrentHashMap<>();
  private static InMemoryDirectoryServer server;
  /** Hide the assertion control from the root DSE, so the writer uses the value guard. */
  private static volatile boolean valueGuard;

  @BeforeAll
  static void start() throws Exception {
    server = InMemoryEstate.start(BASE, new InMemoryOperationInterceptor() {
      @Override
      public void processSearchEntry(InMemoryInterceptedSearchEntry result) {
        SearchResultEntry entry = result.getSearchEntry();
        if (valueGuard && entry.getDN().isEmpty()) {
          Entry root = entry.duplicate();
          root.removeAttributeValue("supportedControl", GuardedWriter.ASSERTION_OID);
          result.setSearchEntry(root);
        }
      }

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
    valueGuard = false;
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

  @ParameterizedTest(name = "value guard {0}")
  @ValueSource(booleans = {false, true})
  void aClientWriteBetweenReadAndModifyStands(boolean guard) throws Exception {
    valueGuard = guard;
    String dn = outOfDate("R2" + guard);
    String client = "{\"n\":\"Administrator\",\"t\":\"1dcf15996e14000\",\"p\":\"client\"}";
    RACES.put(dn.toLowerCase(Locale.ROOT), new Modification[] {
      new Modification(ModificationType.REPLACE, "msLAPS-Password", client),
      new Modification(ModificationType.REPLACE, "msLAPS-PasswordExpirationTime",
          Long.toString(FileTime.of(Instant.parse("2026-07-01T00:00:00Z")).ticks()))
    });
    try (GuardedWriter writer = InMemoryEstate.writer(server, BASE, 1)) {
      io.lapsbridge.migration.apply.ActionResult result = writer.perform(refresh(dn), false);
      assertEquals(Journal.Outcome.STALE, result.outcome(), result.reason());
      assertEquals(!guard, writer.usesAssertionControl());
      assertTrue(result.reason().startsWith("the entry changed between the check and the write ("
          + (guard ? "no such attribute" : "assertion failed")), result.reason());
    }
    assertEquals(client, server.getEntry(dn).getAttributeValue("msLAPS-Password"));
  }

  @ParameterizedTest(name = "value guard {0}")
  @ValueSource(booleans = {false, true})
  void aPasswordWriteAloneBetweenReadAndModifyStands(boolean guard) throws Exception {
    valueGuard = guard;
    // Only msLAPS-Password changes (the expiry guard alone would not notice).
    String dn = outOfDate("R4" + guard);
    String other = "{\"n\":\"Administrator\",\"t\":\"1dcda8fc8e68000\",\"p\":\"other\"}";
    RACES.put(dn.toLowerCase(Locale.ROOT), new Modification[] {
      new Modification(ModificationType.REPLACE, "msLAPS-Password", other)
    });
    try (GuardedWriter writer = InMemoryEstate.writer(server, BASE, 1)) {
      assertEquals(Journal.Outcome.STALE, writer.perform(refresh(dn), false).outcome());
    }
    assertEquals(other, server.getEntry(dn).getAttributeValue("msLAPS-Password"));
  }

  @ParameterizedTest(name = "value guard {0}")
  @ValueSource(booleans = {false, true})
  void aLegacyRotationBetweenReadAndModifyIsNotCopiedStale(boolean guard) throws Exception {
    valueGuard = guard;
    String dn = outOfDate("R3" + guard);
    RACES.put(dn.toLowerCase(Locale.ROOT), new Modification[] {
      new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd", "R3-again")
    });
    try (GuardedWriter writer = InMemoryEstate.writer(server, BASE, 1)) {
      assertEquals(Journal.Outcome.STALE, writer.perform(refresh(dn), false).outcome());
    }
    assertTrue(server.getEntry(dn).getAttributeValue("msLAPS-Password").contains("\"old\""));
  }
}
