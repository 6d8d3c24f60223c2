package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.controls.AssertionRequestControl;
import com.unboundid.util.FixedRateBarrier;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.apply.ActionResult;
import io.lapsbridge.migration.apply.ActionWriter;
import io.lapsbridge.migration.apply.EntraBackups;
import io.lapsbridge.migration.ComputerSnapshot;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.OwnWrites;
import io.lapsbridge.migration.Verdict;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.MalformedValueException;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Performs migration actions so that no password is lost and no client's write is overwritten:
 * each action is re-validated against the live entry, written conditionally on the values the
 * plan saw, and read back where it copies or removes a password.
 *
 * <p>The condition is the LDAP assertion control (RFC 4528) where the root DSE lists it. Where
 * it does not (ApacheDS), the modify itself carries the condition: it deletes the exact value the
 * plan saw and adds it (or its successor) back, so the server rejects the whole modify with
 * noSuchAttribute if a client changed the value in between. That is atomic, unlike
 * compare-then-modify. Either way a force rotation is one round trip when it succeeds (see
 * {@link #perform}); mirrors and cleanup read before and after.
 *
 * <p>Thread-safe: connections come from an UnboundID pool, and an optional rate barrier spaces
 * the writes.
 */
public final class GuardedWriter implements ActionWriter<DirectoryException>, AutoCloseable {
  /** RFC 4528 assertion control OID. */
  public static final String ASSERTION_OID = "1.3.6.1.1.12";

  private final LDAPConnectionPool pool;
  private final boolean assertionControl;
  private final FixedRateBarrier barrier;
  private final long responseTimeoutMillis;
  /** Encrypted mirrors' writers by decryptor SID (#14); empty unless the plan has such mirrors. */
  private volatile Map<String, EncryptedPasswordWriter> encrypting = Map.of();
  /** Entra, re-read before each {@code clear-ad-after-entra} (#16); null when not given. */
  private volatile EntraBackups entra;

  private GuardedWriter(LDAPConnectionPool pool, boolean assertionControl, FixedRateBarrier barrier,
      long responseTimeoutMillis) {
    this.pool = pool;
    this.responseTimeoutMillis = responseTimeoutMillis;
    this.assertionControl = assertionControl;
    this.barrier = barrier;
  }

  /**
   * Opens a pool of {@code connections} bound connections.
   *
   * @param writesPerSecond 0 for no limit
   */
  public static GuardedWriter open(ConnectionSettings settings, int connections, int writesPerSecond)
      throws DirectoryException {
    if (connections < 1) {
      throw new IllegalArgumentException("at least one connection is needed");
    }
    LDAPConnection first = Connector.open(settings, false);
    boolean assertion;
    try {
      RootDSE root = first.getRootDSE();
      assertion = root != null && root.supportsControl(ASSERTION_OID);
    } catch (LDAPException e) {
      first.close();
      throw LapsDirectory.failure("read root DSE", "", null, e);
    }
    try {
      // The pool's first connection is the one just opened: a fresh one would cost another
      // TLS handshake and bind before the first write. Errors above keep Connector's wording.
      // The others open when a worker first needs one: a TLS handshake costs a JVM that has
      // just started tens of milliseconds of CPU, and a plan of force rotations only ever
      // uses one connection (see performPipelined).
      // With discovery, every pooled connection goes to the controller the first one chose.
      ConnectionSettings pinned = settings.host() != null ? settings
          : settings.at(first.getConnectedAddress(), first.getConnectedPort());
      LDAPConnectionPool pool = new LDAPConnectionPool(new Reconnecting(pinned, first), null,
          1, connections);
      pool.setConnectionPoolName("lapsbridge-migrate");
      pool.setRetryFailedOperationsDueToInvalidConnections(true);
      FixedRateBarrier barrier =
          writesPerSecond > 0 ? new FixedRateBarrier(1000L, writesPerSecond) : null;
      return new GuardedWriter(pool, assertion, barrier, settings.timeout().toMillis());
    } catch (LDAPException e) {
      first.close();
      throw LapsDirectory.failure("open connection pool", settings.endpoint(), null, e);
    }
  }

  /**
   * Starts {@link #open} on a daemon thread of its own, so that the TLS handshakes and binds
   * overlap reading the plan; {@link #await} takes the result.
   */
  public static CompletableFuture<GuardedWriter> openInBackground(ConnectionSettings settings,
      int connections, int writesPerSecond) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return open(settings, connections, writesPerSecond);
      } catch (DirectoryException e) {
        throw new CompletionException(e);
      }
    }, task -> {
      Thread thread = new Thread(task, "lapsbridge-connect");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Waits for {@link #openInBackground}; a failure to open is thrown as itself. */
  public static GuardedWriter await(CompletableFuture<GuardedWriter> opening)
      throws DirectoryException {
    try {
      return opening.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof DirectoryException directory) {
        throw directory;
      }
      throw e;
    }
  }

  /**
   * Gives the group public keys encrypted mirrors need, one per decryptor SID, fetched once for
   * the run; each is sealed by the agent's {@link EncryptedPasswordWriter}. History size 0: a
   * mirror is planned only where no Windows LAPS password exists, so there is never a previous
   * encrypted value to keep. Call before the run starts.
   */
  public void encryptMirrorsWith(Map<String, GroupPublicKey> keys) {
    Map<String, EncryptedPasswordWriter> writers = new HashMap<>();
    LapsEncryptor encryptor = new LapsEncryptor(new SecureRandom());
    keys.forEach((sid, key) -> writers.put(sid, new EncryptedPasswordWriter(key, encryptor, 0)));
    encrypting = Map.copyOf(writers);
  }

  /** Gives the Entra port that {@code clear-ad-after-entra} actions re-read. */
  public void guardEntraWith(EntraBackups backups) {
    this.entra = backups;
  }

  /** Whether writes use the RFC 4528 assertion control (else the value guard). */
  public boolean usesAssertionControl() {
    return assertionControl;
  }

  /** Reads one computer now, for checks outside an action. */
  public ComputerSnapshot read(String dn) throws DirectoryException {
    return EstateReader.snapshot(EstateReader.readEntry(pool, dn));
  }

  /**
   * Re-validates, writes unless {@code dryRun}, and reads back. A guard that fails because the
   * entry changed after the check is {@link Journal.Outcome#STALE}; other failures throw.
   *
   * <p>An action whose write is built from the plan's own recorded values alone (a force
   * rotation) skips the pre-read and the read-back: its conditional modify is the check, and
   * only a guard failure costs one read, to tell already-done from stale. Actions that copy or
   * remove a password keep all three round trips.
   */
  public ActionResult perform(Action action, boolean dryRun) throws DirectoryException {
    return perform(action, OwnWrites.NONE, dryRun);
  }

  /**
   * {@link #perform(Action, boolean)}, where {@code own} is what the computer's other actions in
   * the plan write: every check takes those values for what the plan saw, so that a resume does
   * not call an action stale because of the plan's own later write.
   */
  public ActionResult perform(Action action, OwnWrites own, boolean dryRun)
      throws DirectoryException {
    if (!dryRun && action.accept(FROM_PLAN_ALONE)) {
      return performFromPlan(action, own);
    }
    if (action instanceof Action.ClearAfterEntra clear) {
      ActionResult refused = entraRefuses(clear);
      if (refused != null) {
        return refused;
      }
    }
    SearchResultEntry entry = EstateReader.readEntry(pool, action.dn());
    ComputerSnapshot live = EstateReader.snapshot(entry);
    // What this bind cannot read is not "changed since the plan": stale would let resume skip it.
    DirectoryException denied = EstateReader.hidden(live);
    if (denied != null) {
      throw denied;
    }
    Verdict before = own.check(action, live);
    if (before.kind() == Verdict.Kind.DONE) {
      return new ActionResult(Journal.Outcome.DONE, before.reason());
    }
    if (before.kind() == Verdict.Kind.STALE) {
      return new ActionResult(Journal.Outcome.STALE, before.reason());
    }
    if (dryRun) {
      return new ActionResult(Journal.Outcome.APPLIED, "would apply: " + action.reason());
    }
    try {
      modify(action, action.accept(new Writes(entry, encrypting)));
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (isGuardFailure(code)) {
        Verdict now = own.check(action, read(action.dn()));
        return new ActionResult(Journal.Outcome.STALE, changedDuringWrite(code, now));
      }
      throw LapsDirectory.failure("modify (" + action.kind() + ")", action.dn(), null, e);
    }
    Verdict after = own.check(action, read(action.dn()));
    if (after.kind() != Verdict.Kind.DONE) {
      return new ActionResult(Journal.Outcome.FAILED, "read-back does not show the change: "
          + after.reason());
    }
    return new ActionResult(Journal.Outcome.APPLIED, action.reason());
  }

  /**
   * The Entra half of {@code clear-ad-after-entra}'s guard, asked before AD is read: null when
   * Entra still holds a backup newer than the AD copy; else the result, and AD is not touched.
   * Entra unreachable is a failure (a resume retries it), not stale.
   */
  private ActionResult entraRefuses(Action.ClearAfterEntra clear) {
    EntraBackups backups = entra;
    if (backups == null) {
      return ActionResult.failed("Entra was not given to re-check device " + clear.deviceId()
          + "; AD left as it was");
    }
    Instant backup;
    try {
      backup = backups.lastBackup(clear.deviceId());
    } catch (EntraBackups.Unreachable e) {
      return ActionResult.failed("Entra could not be asked about device " + clear.deviceId()
          + " (" + e.getMessage() + "); AD left as it was");
    }
    Verdict verdict = clear.entraStillNewer(backup, Instant.now());
    return verdict.kind() == Verdict.Kind.APPLY ? null
        : new ActionResult(Journal.Outcome.STALE, verdict.reason());
  }

  /**
   * One round trip when the server accepts the conditional modify. No read-back: the modify is
   * atomic and conditional on the exact value the plan saw, so its success proves the entry
   * held that value and now holds the new one; a later read could only see a later writer,
   * whose value must stand anyway. No password is written or removed by these actions.
   */
  private ActionResult performFromPlan(Action action, OwnWrites own) throws DirectoryException {
    try {
      modify(action, action.accept(new Writes(null, encrypting)));
      return new ActionResult(Journal.Outcome.APPLIED, action.reason());
    } catch (LDAPException e) {
      return rejected(action, own, e);
    }
  }

  /**
   * What a rejected plan-only modify means. A guard failure is classified by one read, as the
   * skipped pre-read would have: done (e.g. a re-run after a kill), stale (a client rotated),
   * or, if the value is back to what the plan saw, stale too. Anything else throws.
   */
  private ActionResult rejected(Action action, OwnWrites own, LDAPException e)
      throws DirectoryException {
    ResultCode code = e.getResultCode();
    if (isGuardFailure(code)) {
      Verdict now = own.check(action, read(action.dn()));
      if (now.kind() == Verdict.Kind.DONE) {
        return new ActionResult(Journal.Outcome.DONE, now.reason());
      }
      if (now.kind() == Verdict.Kind.STALE) {
        return new ActionResult(Journal.Outcome.STALE, now.reason());
      }
      return new ActionResult(Journal.Outcome.STALE, changedDuringWrite(code, now));
    }
    if (ResultCode.NO_SUCH_OBJECT.equals(code)) {
      read(action.dn()); // fails with the same not-found error the pre-read would give
    }
    throw LapsDirectory.failure("modify (" + action.kind() + ")", action.dn(), null, e);
  }

  /** Whether {@link #performPipelined} takes the action: one written from the plan alone. */
  @Override
  public boolean pipelinable(Action action) {
    return action.accept(FROM_PLAN_ALONE);
  }

  /**
   * Applies {@link #pipelinable} actions with up to {@code window} modifies in flight on one
   * pooled connection, instead of one round trip at a time. Each modify is the same
   * conditional write as {@link #perform}'s; successes reach {@code sink} as their responses
   * arrive, and rejected ones are classified afterwards, one read each. The actions must be
   * on distinct entries, since pipelined writes may be applied in any order. Every action sent
   * gets exactly one result unless this throws; once {@code stop} says so (the run is ending)
   * no more are sent, and the unsent ones get none.
   *
   * @throws DirectoryException only when the directory is unreachable; actions without a
   *     result then have none, and a resume re-checks them
   */
  @Override
  public void performPipelined(List<Action> batch, int window, BooleanSupplier stop,
      ActionWriter.ResultSink sink) throws DirectoryException {
    // 0 = no result yet; whoever flips an action to 1 reports it, so a late response and a
    // redo after a lost connection can never both report.
    AtomicIntegerArray answered = new AtomicIntegerArray(batch.size());
    List<Rejected> rejected = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicReference<LDAPException> lost = new AtomicReference<>();
    // A sink that throws on the SDK's reader thread would otherwise vanish into the SDK.
    AtomicReference<Throwable> sinkFailure = new AtomicReference<>();
    Semaphore inFlight = new Semaphore(window);
    LDAPConnection connection;
    try {
      connection = pool.getConnection();
    } catch (LDAPException e) {
      throw LapsDirectory.failure("connect", "", null, e);
    }
    boolean usable = false;
    try {
      for (int i = 0; i < batch.size() && lost.get() == null && sinkFailure.get() == null
          && !stop.getAsBoolean(); i++) {
        Action action = batch.get(i);
        int index = i;
        if (barrier != null) {
          barrier.await();
        }
        inFlight.acquireUninterruptibly();
        try {
          // The result arrives through the listener; the request ID is not needed.
          AsyncRequestID unused = connection.asyncModify(request(action.accept(new Writes(null, encrypting)), action.dn()),
              (requestId, result) -> {
                try {
                  ResultCode code = result.getResultCode();
                  if (Ldap.isConnectionLoss(code)) {
                    lost.compareAndSet(null, new LDAPException(result));
                  } else if (answered.compareAndSet(index, 0, 1)) {
                    if (ResultCode.SUCCESS.equals(code)) {
                      sink.accept(index, new ActionResult(Journal.Outcome.APPLIED, action.reason()));
                    } else {
                      rejected.add(new Rejected(index, new LDAPException(result)));
                    }
                  }
                } catch (RuntimeException | Error e) {
                  sinkFailure.compareAndSet(null, e);
                } finally {
                  inFlight.release();
                }
              });
        } catch (LDAPException e) {
          inFlight.release();
          lost.compareAndSet(null, e);
        } catch (IllegalStateException e) {
          // The SDK's answer to an asynchronous request on a connection closing under it.
          inFlight.release();
          lost.compareAndSet(null, new LDAPException(ResultCode.SERVER_DOWN,
              "the connection closed with writes in flight", e));
        }
      }
      // Every response releases its permit; so does the connection's loss, which the SDK
      // reports to each outstanding request. The wait is bounded all the same.
      if (responseTimeoutMillis <= 0) {
        inFlight.acquire(window); // --timeout 0: no limit, as for every other operation
      } else if (!inFlight.tryAcquire(window, 2 * responseTimeoutMillis,
          TimeUnit.MILLISECONDS)) {
        lost.compareAndSet(null, new LDAPException(ResultCode.TIMEOUT,
            "no response to " + (window - inFlight.availablePermits()) + " pipelined writes"));
      }
      usable = lost.get() == null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lost.compareAndSet(null, new LDAPException(ResultCode.USER_CANCELED, "interrupted"));
    } finally {
      if (usable) {
        pool.releaseConnection(connection);
      } else {
        pool.releaseDefunctConnection(connection);
      }
    }
    if (sinkFailure.get() != null) {
      throw new IllegalStateException("recording a pipelined result failed", sinkFailure.get());
    }
    // Classified on pooled connections, after this one is back in the pool.
    for (Rejected r : List.copyOf(rejected)) {
      sink.accept(r.index(), rejectedOrFailed(batch.get(r.index()), r.exception()));
    }
    if (lost.get() != null) {
      // The connection dropped with writes in flight, which may or may not have landed. Each
      // action without a result is redone one at a time on a fresh pooled connection: its
      // guard tells a write that landed (already done) from one that did not. If the
      // directory is really gone, the first redo says so.
      for (int i = 0; i < batch.size() && !stop.getAsBoolean(); i++) {
        if (answered.compareAndSet(i, 0, 1)) {
          sink.accept(i, performOrFailed(batch.get(i), OwnWrites.NONE, false));
        }
      }
    }
  }

  /** {@link #rejected}, with a failure that leaves the directory reachable as a result. */
  private ActionResult rejectedOrFailed(Action action, LDAPException e) throws DirectoryException {
    try {
      return rejected(action, OwnWrites.NONE, e);
    } catch (DirectoryException failure) {
      return failedUnlessUnreachable(failure);
    }
  }

  /**
   * {@link #perform}, with a failure that leaves the directory reachable reported as a
   * {@link Journal.Outcome#FAILED} result (a resume retries it) rather than thrown.
   *
   * @throws DirectoryException when the directory is unreachable, or the bind cannot read the
   *     passwords the actions need
   */
  @Override
  public ActionResult performOrFailed(Action action, OwnWrites own, boolean dryRun)
      throws DirectoryException {
    try {
      return perform(action, own, dryRun);
    } catch (DirectoryException failure) {
      return failedUnlessUnreachable(failure);
    }
  }

  private static ActionResult failedUnlessUnreachable(DirectoryException failure)
      throws DirectoryException {
    // A bind that cannot read passwords fails every action alike: stop the run (access denied)
    // rather than journal each one as failed.
    if (failure.kind() == DirectoryException.Kind.UNREACHABLE
        || EstateReader.bindCannotRead(failure)) {
      throw failure;
    }
    return ActionResult.failed(failure.getMessage());
  }

  private record Rejected(int index, LDAPException exception) {}

  private void modify(Action action, Write write) throws LDAPException {
    if (barrier != null) {
      barrier.await();
    }
    pool.modify(request(write, action.dn()));
  }

  /** The conditional modify: the assertion control where the server has it, else the guard. */
  private ModifyRequest request(Write write, String dn) {
    ModifyRequest request = new ModifyRequest(dn,
        assertionControl ? write.plain() : write.guarded());
    if (assertionControl) {
      request.addControl(new AssertionRequestControl(write.assertion(), true));
    }
    return request;
  }

  private static boolean isGuardFailure(ResultCode code) {
    return ResultCode.ASSERTION_FAILED.equals(code) || ResultCode.NO_SUCH_ATTRIBUTE.equals(code)
        || ResultCode.ATTRIBUTE_OR_VALUE_EXISTS.equals(code)
        || ResultCode.CONSTRAINT_VIOLATION.equals(code);
  }

  private static String changedDuringWrite(ResultCode code, Verdict now) {
    return "the entry changed between the check and the write (" + Ldap.code(code)
        + "); skipped so the other writer's value stands: " + now.reason();
  }

  /**
   * Which actions can be written from the plan's recorded values without reading the entry:
   * only those that neither copy a password (mirrors need it from the live entry, since plans
   * hold none) nor remove one (cleanup must see the Windows LAPS password it relies on).
   */
  private static final Action.Visitor<Boolean> FROM_PLAN_ALONE = new Action.Visitor<>() {
    @Override
    public Boolean forceRotation(Action.ForceRotation a) {
      return true;
    }

    @Override
    public Boolean cleanupLegacy(Action.CleanupLegacy a) {
      return false;
    }

    @Override
    public Boolean mirrorToWindows(Action.MirrorToWindows a) {
      return false;
    }

    @Override
    public Boolean mirrorToLegacy(Action.MirrorToLegacy a) {
      return false;
    }

    @Override
    public Boolean refreshMirror(Action.RefreshMirror a) {
      return false;
    }

    @Override
    public Boolean clearAfterEntra(Action.ClearAfterEntra a) {
      return false;
    }
  };

  /** A write both ways: guarded by values in the modify, or plain plus an assertion filter. */
  private record Write(List<Modification> guarded, List<Modification> plain, Filter assertion) {}

  /**
   * Builds each action's modifications from the live entry, or from the plan alone (null
   * entry) for the actions {@link #FROM_PLAN_ALONE} admits.
   */
  private static final class Writes implements Action.Visitor<Write> {
    private final SearchResultEntry entry;
    private final Map<String, EncryptedPasswordWriter> encrypting;

    Writes(SearchResultEntry entry, Map<String, EncryptedPasswordWriter> encrypting) {
      this.entry = entry;
      this.encrypting = encrypting;
    }

    @Override
    public Write forceRotation(Action.ForceRotation a) {
      String attribute = a.attribute();
      List<Modification> guarded = new ArrayList<>();
      expect(guarded, attribute, a.seenExpiry());
      guarded.add(add(attribute, FileTimeText.toDecimal(a.newExpiry())));
      return new Write(guarded,
          List.of(replace(attribute, FileTimeText.toDecimal(a.newExpiry()))),
          equalsOrAbsent(attribute, a.seenExpiry()));
    }

    @Override
    public Write cleanupLegacy(Action.CleanupLegacy a) {
      String legacyExpiry = LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName();
      String windowsExpiry = LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName();
      List<Modification> removals = new ArrayList<>();
      if (entry.hasAttribute(LapsAttribute.LEGACY_PASSWORD.ldapName())) {
        removals.add(new Modification(ModificationType.DELETE,
            LapsAttribute.LEGACY_PASSWORD.ldapName()));
      }
      // Guarded on the expiries as read, which the check found to be the plan's (those it saw,
      // or a Windows expiry its own later rotation wrote, on a resume).
      String liveLegacyExpiry = entry.getAttributeValue(legacyExpiry);
      String liveWindowsExpiry = entry.getAttributeValue(windowsExpiry);
      if (liveLegacyExpiry == null) {
        throw new IllegalStateException("checked: the legacy expiry the plan saw is present");
      }
      List<Modification> guarded = new ArrayList<>(removals);
      guarded.add(new Modification(ModificationType.DELETE, legacyExpiry, liveLegacyExpiry));
      // The Windows LAPS expiry is deleted and re-added unchanged: the modify fails if a
      // client rotated (or removed) the Windows LAPS password since the check.
      if (liveWindowsExpiry != null) {
        guarded.add(new Modification(ModificationType.DELETE, windowsExpiry, liveWindowsExpiry));
        guarded.add(add(windowsExpiry, liveWindowsExpiry));
      }
      List<Modification> plain = new ArrayList<>(removals);
      plain.add(new Modification(ModificationType.DELETE, legacyExpiry));
      Filter assertion = Filter.createANDFilter(
          Filter.createEqualityFilter(legacyExpiry, liveLegacyExpiry),
          liveWindowsExpiry == null
              ? Filter.createNOTFilter(Filter.createPresenceFilter(windowsExpiry))
              : Filter.createEqualityFilter(windowsExpiry, liveWindowsExpiry),
          Filter.createORFilter(
              Filter.createPresenceFilter(LapsAttribute.PASSWORD.ldapName()),
              Filter.createPresenceFilter(LapsAttribute.ENCRYPTED_PASSWORD.ldapName())));
      return new Write(guarded, plain, assertion);
    }

    @Override
    public Write mirrorToWindows(Action.MirrorToWindows a) {
      String legacy = entry.getAttributeValue(LapsAttribute.LEGACY_PASSWORD.ldapName());
      if (legacy == null) {
        throw new IllegalStateException("checked: a legacy password is present");
      }
      if (a.encrypted()) {
        return encryptedMirror(a, legacy);
      }
      String json;
      try (Secret password = Secret.of(legacy)) {
        json = WindowsLapsPasswordJson.format(
            new WindowsLapsPasswordJson.Value(a.account(), a.updated(), password));
      }
      String passwordAttribute = LapsAttribute.PASSWORD.ldapName();
      String expiry = FileTimeText.toDecimal(a.expires());
      List<Modification> guarded = new ArrayList<>();
      // The legacy password itself is the guard: deleted and re-added as read, so the modify
      // fails if a client rotated it after the read, and the copy is never of an old value.
      guarded.add(new Modification(ModificationType.DELETE,
          LapsAttribute.LEGACY_PASSWORD.ldapName(), legacy));
      guarded.add(add(LapsAttribute.LEGACY_PASSWORD.ldapName(), legacy));
      guarded.add(add(passwordAttribute, json));
      guarded.add(replace(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(), expiry));
      List<Modification> plain = List.of(add(passwordAttribute, json),
          replace(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(), expiry));
      Filter assertion = Filter.createANDFilter(
          Filter.createEqualityFilter(LapsAttribute.LEGACY_PASSWORD.ldapName(), legacy),
          Filter.createNOTFilter(Filter.createPresenceFilter(passwordAttribute)));
      return new Write(guarded, plain, assertion);
    }

    /**
     * The encrypted mirror: the same guard as the cleartext one (the legacy password deleted and
     * re-added as read; the new value added, so the modify fails if any Windows LAPS password
     * appeared), with the value sealed by the agent's {@link EncryptedPasswordWriter}. No history
     * is written: the check admits only a computer without a Windows LAPS password, so there is
     * no previous encrypted value to push into it.
     */
    private Write encryptedMirror(Action.MirrorToWindows a, String legacy) {
      EncryptedPasswordWriter writer = encrypting.get(a.decryptor());
      if (writer == null) {
        throw new IllegalStateException("no public key was fetched for " + a.decryptor());
      }
      byte[] sealed;
      try (Secret password = Secret.of(legacy)) {
        sealed = writer.seal(new WindowsLapsPasswordJson.Value(a.account(), a.updated(), password));
      } catch (LapsCryptoException e) {
        throw new IllegalStateException("encrypting to " + a.decryptor() + ": " + e.getMessage(),
            e);
      }
      String encrypted = LapsAttribute.ENCRYPTED_PASSWORD.ldapName();
      String expiry = FileTimeText.toDecimal(a.expires());
      Modification value = new Modification(ModificationType.ADD, encrypted, sealed);
      List<Modification> guarded = List.of(
          new Modification(ModificationType.DELETE, LapsAttribute.LEGACY_PASSWORD.ldapName(),
              legacy),
          add(LapsAttribute.LEGACY_PASSWORD.ldapName(), legacy),
          value,
          replace(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(), expiry));
      List<Modification> plain = List.of(value,
          replace(LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(), expiry));
      Filter assertion = Filter.createANDFilter(
          Filter.createEqualityFilter(LapsAttribute.LEGACY_PASSWORD.ldapName(), legacy),
          Filter.createNOTFilter(Filter.createPresenceFilter(LapsAttribute.PASSWORD.ldapName())),
          Filter.createNOTFilter(Filter.createPresenceFilter(encrypted)));
      return new Write(guarded, plain, assertion);
    }

    @Override
    public Write mirrorToLegacy(Action.MirrorToLegacy a) {
      String json = entry.getAttributeValue(LapsAttribute.PASSWORD.ldapName());
      String password;
      try {
        try (Secret secret = WindowsLapsPasswordJson.parse(json).password()) {
          password = secret.reveal();
        }
      } catch (MalformedValueException e) {
        throw new IllegalStateException("checked: " + LapsAttribute.PASSWORD.ldapName()
            + " is well formed", e);
      }
      String legacyAttribute = LapsAttribute.LEGACY_PASSWORD.ldapName();
      String expiry = FileTimeText.toDecimal(a.expires());
      List<Modification> guarded = new ArrayList<>();
      guarded.add(new Modification(ModificationType.DELETE, LapsAttribute.PASSWORD.ldapName(),
          json));
      guarded.add(add(LapsAttribute.PASSWORD.ldapName(), json));
      guarded.add(add(legacyAttribute, password));
      guarded.add(replace(LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName(), expiry));
      List<Modification> plain = List.of(add(legacyAttribute, password),
          replace(LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName(), expiry));
      Filter assertion = Filter.createANDFilter(
          Filter.createEqualityFilter(LapsAttribute.PASSWORD.ldapName(), json),
          Filter.createNOTFilter(Filter.createPresenceFilter(legacyAttribute)));
      return new Write(guarded, plain, assertion);
    }

    @Override
    public Write refreshMirror(Action.RefreshMirror a) {
      MirrorRefreshWrite write = MirrorRefreshWrite.of(entry, a);
      return new Write(write.guarded(), write.plain(), write.assertion());
    }

    /**
     * Removes every LAPS password, history and expiry present, each by the exact values read
     * (guarded): the modify fails if a client wrote any of them after the check. With the
     * assertion control, the expiries and update time the check accepted are asserted instead.
     */
    @Override
    public Write clearAfterEntra(Action.ClearAfterEntra a) {
      List<Modification> guarded = new ArrayList<>();
      List<Modification> plain = new ArrayList<>();
      for (LapsAttribute attribute : CLEARED) {
        com.unboundid.ldap.sdk.Attribute present = entry.getAttribute(attribute.ldapName());
        if (present != null && present.hasValue()) {
          guarded.add(new Modification(ModificationType.DELETE, attribute.ldapName(),
              present.getValueByteArrays()));
          plain.add(new Modification(ModificationType.DELETE, attribute.ldapName()));
        }
      }
      if (guarded.isEmpty()) {
        throw new IllegalStateException("checked: LAPS attributes are present");
      }
      String legacyExpiry = LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName();
      String windowsExpiry = LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName();
      List<Filter> conditions = new ArrayList<>();
      conditions.add(equalsOrAbsent(legacyExpiry, a.seenLegacyExpiry()));
      conditions.add(equalsOrAbsent(windowsExpiry, a.seenWindowsExpiry()));
      String password = entry.getAttributeValue(LapsAttribute.PASSWORD.ldapName());
      conditions.add(password == null
          ? Filter.createNOTFilter(Filter.createPresenceFilter(LapsAttribute.PASSWORD.ldapName()))
          : Filter.createEqualityFilter(LapsAttribute.PASSWORD.ldapName(), password));
      byte[] encrypted = entry.getAttributeValueBytes(LapsAttribute.ENCRYPTED_PASSWORD.ldapName());
      conditions.add(encrypted == null
          ? Filter.createNOTFilter(
              Filter.createPresenceFilter(LapsAttribute.ENCRYPTED_PASSWORD.ldapName()))
          : Filter.createEqualityFilter(LapsAttribute.ENCRYPTED_PASSWORD.ldapName(), encrypted));
      return new Write(guarded, plain, Filter.createANDFilter(conditions));
    }

    /** What {@code clear-ad-after-entra} removes: both families' passwords and expiries. */
    private static final List<LapsAttribute> CLEARED = List.of(
        LapsAttribute.LEGACY_PASSWORD, LapsAttribute.LEGACY_EXPIRATION_TIME,
        LapsAttribute.PASSWORD, LapsAttribute.ENCRYPTED_PASSWORD,
        LapsAttribute.ENCRYPTED_PASSWORD_HISTORY, LapsAttribute.PASSWORD_EXPIRATION_TIME);

    /** The seen value is deleted by value, or (if it was absent) nothing: the add then fails. */
    private static void expect(List<Modification> mods, String attribute, FileTime seen) {
      if (seen != null) {
        mods.add(new Modification(ModificationType.DELETE, attribute,
            FileTimeText.toDecimal(seen)));
      }
    }

    private static Filter equalsOrAbsent(String attribute, FileTime seen) {
      return seen == null
          ? Filter.createNOTFilter(Filter.createPresenceFilter(attribute))
          : Filter.createEqualityFilter(attribute, FileTimeText.toDecimal(seen));
    }

    private static Modification add(String attribute, String value) {
      return new Modification(ModificationType.ADD, attribute, value);
    }

    private static Modification replace(String attribute, String value) {
      return new Modification(ModificationType.REPLACE, attribute, value);
    }
  }

  /**
   * Makes each pooled connection with {@link Connector}: TLS, validation and bind included, so
   * the pool is given no bind request of its own.
   */
  private static final class Reconnecting extends ServerSet {
    private final ConnectionSettings settings;
    private final AtomicReference<LDAPConnection> opened;

    /** @param opened an already bound connection, handed out first */
    Reconnecting(ConnectionSettings settings, LDAPConnection opened) {
      this.settings = settings;
      this.opened = new AtomicReference<>(opened);
    }

    @Override
    public LDAPConnection getConnection() throws LDAPException {
      LDAPConnection ready = opened.getAndSet(null);
      if (ready != null && ready.isConnected()) {
        associateConnectionWithThisServerSet(ready);
        return ready;
      }
      try {
        LDAPConnection connection = Connector.open(settings, false);
        associateConnectionWithThisServerSet(connection);
        return connection;
      } catch (DirectoryException e) {
        throw new LDAPException(ResultCode.CONNECT_ERROR, e.getMessage(), e);
      }
    }

    @Override
    public void toString(StringBuilder buffer) {
      buffer.append("lapsbridge(").append(settings.endpoint()).append(')');
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
