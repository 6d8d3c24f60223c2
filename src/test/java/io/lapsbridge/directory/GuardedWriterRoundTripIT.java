package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.model.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How many round trips each kind of action costs {@link GuardedWriter}, counted by the server:
 * a force rotation is one modify unless its guard fails; actions that copy or remove a password
 * still read before and after. Uses UnboundID's in-memory server (assertion-control path),
 * since only it lets a test count operations per entry.
 */
class GuardedWriterRoundTripIT {
  private static final String BASE = "dc=example,dc=com";
  private static final FileTime PLAN_TIME = FileTime.of(Instant.parse("2026-06-01T00:00:00Z"));
  private static final FileTime SEEN = FileTime.of(Instant.parse("2026-06-20T00:00:00Z"));
  private static final Map<String, AtomicInteger> SEARCHES = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> MODIFIES = new ConcurrentHashMap<>();
  /** The first modify of an entry whose DN starts with this drops every client connection. */
  private static final String DROP_AT = "cn=DROP-";
  private static final AtomicBoolean DROPPED = new AtomicBoolean();
  private static final AtomicInteger BINDS = new AtomicInteger();
  private static InMemoryDirectoryServer server;

  @BeforeAll
  static void start() throws Exception {
    server = InMemoryEstate.start(BASE, new InMemoryOperationInterceptor() {
      @Override
      public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
        count(SEARCHES, request.getRequest().getBaseDN());
      }

      @Override
      public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
        BINDS.incrementAndGet();
      }

      @Override
      public void processModifyRequest(InMemoryInterceptedModifyRequest request) {
        count(MODIFIES, request.getRequest().getDN());
        if (request.getRequest().getDN().startsWith(DROP_AT)
            && DROPPED.compareAndSet(false, true)) {
          // Drops every connection from another thread, as a failing network would.
          new Thread(() -> server.closeAllConnections(false)).start();
        }
      }
    });
  }

  @AfterAll
  static void stop() {
    server.shutDown(true);
  }

  private static void count(Map<String, AtomicInteger> counts, String dn) {
    counts.computeIfAbsent(dn.toLowerCase(java.util.Locale.ROOT), k -> new AtomicInteger())
        .incrementAndGet();
  }

  /** Searches and modifies of {@code dn} since the last call, as "searches/modifies". */
  private static String taken(String dn) {
    String key = dn.toLowerCase(java.util.Locale.ROOT);
    AtomicInteger searches = SEARCHES.computeIfAbsent(key, k -> new AtomicInteger());
    AtomicInteger modifies = MODIFIES.computeIfAbsent(key, k -> new AtomicInteger());
    return searches.getAndSet(0) + "/" + modifies.getAndSet(0);
  }

  private static GuardedWriter writer() throws Exception {
    return InMemoryEstate.writer(server, BASE, 1);
  }

  private static String computer(String name, String... lines) throws Exception {
    return InMemoryEstate.computer(server, BASE, name, lines);
  }

  private static Action.ForceRotation rotation(String dn) {
    return new Action.ForceRotation(dn, "r", "why", true, SEEN, PLAN_TIME);
  }

  @Test
  void aForceRotationIsOneModifyAndARerunOneMoreRead() throws Exception {
    String dn = computer("R1", "ms-Mcs-AdmPwd: pw-R1",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks());
    try (GuardedWriter writer = writer()) {
      taken(dn);
      io.lapsbridge.migration.apply.ActionResult first = writer.perform(rotation(dn), false);
      assertEquals(Journal.Outcome.APPLIED, first.outcome(), first.reason());
      assertEquals("0/1", taken(dn));
      assertEquals(PLAN_TIME, writer.read(dn).legacyExpiry());
      taken(dn);
      // A re-run (resume after a kill) fails the guard and reads once to see it is done.
      io.lapsbridge.migration.apply.ActionResult again = writer.perform(rotation(dn), false);
      assertEquals(Journal.Outcome.DONE, again.outcome(), again.reason());
      assertEquals("ms-Mcs-AdmPwdExpirationTime is already " + PLAN_TIME.ticks()
          + " (2026-06-01T00:00:00Z)", again.reason());
      assertEquals("1/1", taken(dn));
    }
  }

  @Test
  void aStaleRotationReadsOnceAndSaysWhyAsThePreReadDid() throws Exception {
    FileTime rotated = FileTime.of(Instant.parse("2026-07-15T00:00:00Z"));
    String dn = computer("R2", "ms-Mcs-AdmPwd: client",
        "ms-Mcs-AdmPwdExpirationTime: " + rotated.ticks());
    try (GuardedWriter writer = writer()) {
      taken(dn);
      io.lapsbridge.migration.apply.ActionResult result = writer.perform(rotation(dn), false);
      assertEquals(Journal.Outcome.STALE, result.outcome());
      assertEquals("ms-Mcs-AdmPwdExpirationTime changed since the plan (plan saw "
          + SEEN.ticks() + " (2026-06-20T00:00:00Z), now " + rotated.ticks()
          + " (2026-07-15T00:00:00Z)): a client rotated", result.reason());
      assertEquals("1/1", taken(dn));
      assertEquals(rotated, writer.read(dn).legacyExpiry());
    }
  }

  @Test
  void aDryRunStillReadsAndWritesNothing() throws Exception {
    String dn = computer("R3", "ms-Mcs-AdmPwd: pw-R3",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks());
    try (GuardedWriter writer = writer()) {
      taken(dn);
      io.lapsbridge.migration.apply.ActionResult result = writer.perform(rotation(dn), true);
      assertEquals(Journal.Outcome.APPLIED, result.outcome());
      assertEquals("would apply: why", result.reason());
      assertEquals("1/0", taken(dn));
      assertEquals(SEEN, writer.read(dn).legacyExpiry());
    }
  }

  @Test
  void aMirrorStillReadsBeforeAndAfter() throws Exception {
    String dn = computer("R4", "ms-Mcs-AdmPwd: pw-R4",
        "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks());
    try (GuardedWriter writer = writer()) {
      taken(dn);
      io.lapsbridge.migration.apply.ActionResult mirror = writer.perform(new Action.MirrorToWindows(dn, "r", "why",
          SEEN, "Administrator", PLAN_TIME, SEEN), false);
      assertEquals(Journal.Outcome.APPLIED, mirror.outcome(), mirror.reason());
      assertEquals("2/1", taken(dn));
    }
  }

  @Test
  void aCleanupStillReadsBeforeAndAfter() throws Exception {
    FileTime legacyExpiry = FileTime.of(Instant.parse("2026-04-01T00:00:00Z"));
    FileTime windowsExpiry = FileTime.of(Instant.parse("2026-06-19T00:00:00Z"));
    String dn = computer("R5", "ms-Mcs-AdmPwd: old",
        "ms-Mcs-AdmPwdExpirationTime: " + legacyExpiry.ticks(),
        "msLAPS-Password: {\"n\":\"Administrator\",\"t\":\"1dce7eb99ec4000\",\"p\":\"new\"}",
        "msLAPS-PasswordExpirationTime: " + windowsExpiry.ticks());
    try (GuardedWriter writer = writer()) {
      taken(dn);
      io.lapsbridge.migration.apply.ActionResult result = writer.perform(new Action.CleanupLegacy(dn, "r", "why",
          legacyExpiry, windowsExpiry, FileTime.of(Instant.parse("2026-04-08T00:00:00Z"))),
          false);
      assertEquals(Journal.Outcome.APPLIED, result.outcome(), result.reason());
      assertEquals("2/1", taken(dn));
    }
  }

  @Test
  void aRotationOfAMissingEntryFailsAsTheReadDid() throws Exception {
    String dn = "cn=GONE," + BASE;
    try (GuardedWriter writer = writer()) {
      DirectoryException e = assertThrows(DirectoryException.class,
          () -> writer.perform(rotation(dn), false));
      assertEquals(DirectoryException.Kind.NOT_FOUND, e.kind());
      assertEquals("no entry '" + dn + "'", e.getMessage());
    }
  }

  @Test
  void pipelinedRotationsAreOneModifyEachAndOnlyRejectedOnesRead() throws Exception {
    FileTime rotated = FileTime.of(Instant.parse("2026-07-15T00:00:00Z"));
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fresh.add(computer("P" + i, "ms-Mcs-AdmPwd: pw-P" + i,
          "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks()));
    }
    String stale = computer("PS", "ms-Mcs-AdmPwd: client",
        "ms-Mcs-AdmPwdExpirationTime: " + rotated.ticks());
    String done = computer("PD", "ms-Mcs-AdmPwd: pw-PD",
        "ms-Mcs-AdmPwdExpirationTime: " + PLAN_TIME.ticks());
    String gone = "cn=PGONE," + BASE;
    List<Action> batch = new ArrayList<>();
    fresh.forEach(dn -> batch.add(rotation(dn)));
    batch.add(rotation(stale));
    batch.add(rotation(done));
    batch.add(rotation(gone));
    Map<Integer, io.lapsbridge.migration.apply.ActionResult> results = new ConcurrentHashMap<>();
    try (GuardedWriter writer = writer()) {
      batch.forEach(a -> taken(a.dn()));
      int bindsBefore = BINDS.get();
      AtomicInteger reported = new AtomicInteger();
      writer.performPipelined(batch, 8, () -> false, (index, result) -> {
        results.put(index, result);
        reported.incrementAndGet();
      });
      assertEquals(batch.size(), reported.get(), "one result per action, no more");
      assertEquals(batch.size(), results.size());
      assertEquals(bindsBefore, BINDS.get(), "pipelined on the open connection, no fallback");
      for (int i = 0; i < fresh.size(); i++) {
        assertEquals(Journal.Outcome.APPLIED, results.get(i).outcome(), results.get(i).reason());
        assertEquals("0/1", taken(fresh.get(i)), fresh.get(i));
        assertEquals(PLAN_TIME, writer.read(fresh.get(i)).legacyExpiry());
      }
      assertEquals(Journal.Outcome.STALE, results.get(40).outcome());
      assertEquals("1/1", taken(stale));
      assertEquals(rotated, writer.read(stale).legacyExpiry());
      assertEquals(Journal.Outcome.DONE, results.get(41).outcome());
      assertEquals("1/1", taken(done));
      assertEquals(new io.lapsbridge.migration.apply.ActionResult(Journal.Outcome.FAILED, "no entry '" + gone + "'"),
          results.get(42));
    }
  }

  @Test
  void aConnectionLostMidPipelineIsRedoneOneAtATimeAndEachActionReportsOnce() throws Exception {
    List<Action> batch = new ArrayList<>();
    // Many writes after the drop, so that it surely lands while the pipeline is busy.
    for (int i = 0; i < 300; i++) {
      String name = (i == 20 ? "DROP-" : "L") + i;
      batch.add(rotation(computer(name, "ms-Mcs-AdmPwd: pw-" + name,
          "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks())));
    }
    Map<Integer, io.lapsbridge.migration.apply.ActionResult> results = new ConcurrentHashMap<>();
    try (GuardedWriter writer = writer()) {
      int bindsBefore = BINDS.get();
      AtomicInteger reported = new AtomicInteger();
      writer.performPipelined(batch, 16, () -> false, (index, result) -> {
        results.put(index, result);
        reported.incrementAndGet();
      });
      assertEquals(batch.size(), reported.get(), "one result per action, no more");
      assertEquals(batch.size(), results.size());
      assertTrue(BINDS.get() > bindsBefore, "the drop forced a new connection");
      for (int i = 0; i < batch.size(); i++) {
        Journal.Outcome outcome = results.get(i).outcome();
        assertTrue(outcome == Journal.Outcome.APPLIED || outcome == Journal.Outcome.DONE,
            i + ": " + results.get(i));
        assertEquals(PLAN_TIME, writer.read(batch.get(i).dn()).legacyExpiry(), "action " + i);
      }
    }
  }

  @Test
  void aSinkThatFailsStopsThePipelineWithItsError() throws Exception {
    List<Action> batch = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      batch.add(rotation(computer("F" + i, "ms-Mcs-AdmPwd: pw-F" + i,
          "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks())));
    }
    try (GuardedWriter writer = writer()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> writer.performPipelined(batch, 4, () -> false, (index, result) -> {
            throw new IllegalArgumentException("journal full");
          }));
      assertEquals("recording a pipelined result failed", e.getMessage());
      assertEquals("journal full", e.getCause().getMessage());
    }
  }

  @Test
  void aStoppingRunSendsNoMoreAndLeavesTheRestForResume() throws Exception {
    List<Action> batch = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      batch.add(rotation(computer("S" + i, "ms-Mcs-AdmPwd: pw-S" + i,
          "ms-Mcs-AdmPwdExpirationTime: " + SEEN.ticks())));
    }
    Map<Integer, io.lapsbridge.migration.apply.ActionResult> results = new ConcurrentHashMap<>();
    try (GuardedWriter writer = writer()) {
      writer.performPipelined(batch, 4, () -> results.size() >= 10, results::put);
      assertTrue(results.size() >= 10 && results.size() < 40, "results: " + results.size());
      for (int i = 0; i < batch.size(); i++) {
        assertEquals(results.containsKey(i) ? PLAN_TIME : SEEN,
            writer.read(batch.get(i).dn()).legacyExpiry(), "action " + i);
      }
    }
  }
}
