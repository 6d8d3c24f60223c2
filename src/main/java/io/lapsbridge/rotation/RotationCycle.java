package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.Checkpoint.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * One agent cycle, directory first and crash-safe.
 *
 * <ol>
 *   <li>Finish any rotation a crash interrupted (the journal).
 *   <li>Check the local account, read the stored expiry, decide.
 *   <li>Record the intent (with the new password) in the journal.
 *   <li>Write password and expiry in one modify, read them back.
 *   <li>Mark the intent confirmed, set the local password, clear the journal.
 * </ol>
 *
 * <p>Under automatic account management the account is created (with no usable password) or
 * found by the agent's mark before anything is written; a randomized name is drawn anew for each
 * rotation, written to the directory (the JSON {@code n}) and given to the account only after the
 * read-back, as is the password. For the Windows LAPS family a fresh {@code
 * msLAPS-CurrentPasswordVersion} goes with each password when the directory's schema has it, and
 * is kept in the journal's last-rotation record, so that an image rollback shows as a mismatch.
 *
 * <p>A directory failure never reaches the local account. A local failure is retried; if it
 * persists and the previous password is known, the directory gets it back, so that the stored
 * password keeps working.
 */
public final class RotationCycle {
  /** Local attempts before giving up on this cycle; the journal retries on the next. */
  static final int LOCAL_ATTEMPTS = 3;

  private final DirectoryPort.Connector directory;
  private final LocalAccountPort local;
  private final Journal journal;
  private final PasswordGenerator generator;
  private final Clock clock;
  private final EventSink events;
  private final Checkpoint checkpoint;
  private final RandomGenerator random;
  private final LoginSource logins;

  public RotationCycle(DirectoryPort.Connector directory, LocalAccountPort local, Journal journal,
      PasswordGenerator generator, Clock clock, EventSink events, Checkpoint checkpoint) {
    this(directory, local, journal, generator, clock, events, checkpoint,
        RandomGenerator.getDefault(), LoginSource.NONE);
  }

  /**
   * The full cycle.
   *
   * @param random draws randomized account names and password versions (neither is a secret)
   * @param logins the device's login records, read beside the PAM hook's
   */
  public RotationCycle(DirectoryPort.Connector directory, LocalAccountPort local, Journal journal,
      PasswordGenerator generator, Clock clock, EventSink events, Checkpoint checkpoint,
      RandomGenerator random, LoginSource logins) {
    this.random = random;
    this.logins = logins;
    this.directory = directory;
    this.local = local;
    this.journal = journal;
    this.generator = generator;
    this.clock = clock;
    this.events = events;
    this.checkpoint = checkpoint;
  }

  /** Runs one cycle for {@code resolution}; {@code dryRun} decides and reports but writes nothing. */
  public CycleOutcome run(AgentTarget.Resolution resolution, boolean forced, boolean dryRun) {
    Instant started = clock.instant();
    AttributeFamily family = resolution instanceof AgentTarget.Managed m
        ? m.target().family() : null;
    events.emit(AgentEvent.CYCLE_STARTED, family, "LAPS policy processing is now starting"
        + (dryRun ? " (dry run: nothing will be written)" : ""));
    CycleOutcome outcome;
    try {
      outcome = cycle(resolution, forced, dryRun);
    } catch (PortException e) {
      outcome = CycleOutcome.failed(e);
    }
    long millis = Duration.between(started, clock.instant()).toMillis();
    if (outcome.status().success()) {
      events.emit(AgentEvent.CYCLE_SUCCEEDED, family, "LAPS policy processing succeeded: "
          + outcome.summary() + " (elapsed " + millis + " ms)");
    } else {
      events.emit(AgentEvent.CYCLE_FAILED, family, "LAPS policy processing failed: "
          + outcome.summary() + " (elapsed " + millis + " ms)");
    }
    return outcome;
  }

  private CycleOutcome cycle(AgentTarget.Resolution resolution, boolean forced, boolean dryRun)
      throws PortException {
    boolean uncertain = false;
    Optional<Intent> pending = journal(journal::pending);
    if (pending.isPresent()) {
      if (dryRun) {
        events.emit(AgentEvent.JOURNAL_FOUND, pending.get().family(), "an interrupted rotation ("
            + pending.get().phase() + ") is pending; a real run would finish it first");
      } else {
        uncertain = reconcile(pending.get(), automatic(resolution));
      }
    }
    if (resolution instanceof AgentTarget.Unmanaged u) {
      events.emit(AgentEvent.NOT_MANAGED, null, "LAPS is not configured to manage any account: "
          + u.reason());
      return CycleOutcome.of(CycleOutcome.Status.UNMANAGED, u.reason());
    }
    if (resolution instanceof AgentTarget.Refused r) {
      events.emit(AgentEvent.REFUSED, null, r.reason());
      return CycleOutcome.of(CycleOutcome.Status.REFUSED, r.reason());
    }
    AgentTarget target = ((AgentTarget.Managed) resolution).target();
    AttributeFamily family = target.family();
    events.emit(family == AttributeFamily.LEGACY ? AgentEvent.POLICY_LEGACY
        : AgentEvent.POLICY_WINDOWS, family, target.describe());

    Optional<ManagedAccount.Automatic> automatic = automatic(resolution);
    Set<RotationReason> extra = EnumSet.noneOf(RotationReason.class);
    if (uncertain) {
      extra.add(RotationReason.UNCERTAIN_JOURNAL);
    }
    String account;
    try {
      account = automatic.isPresent()
          ? provide(automatic.get(), family, dryRun, extra) : local.resolve(target.account());
    } catch (PortException e) {
      events.emit(AgentEvent.ACCOUNT_NOT_FOUND, family, e.getMessage());
      throw e;
    }
    try (DirectoryPort dir = open(family)) {
      StoredState state = read(dir, family);
      state.problem().ifPresent(p -> events.emit(AgentEvent.UPDATE_NEEDED, family,
          "the stored value is malformed and is treated as missing: " + p));
      Optional<LastRotation> last = journal(() -> journal.last(family))
          .filter(l -> l.account().equals(account));
      Optional<Instant> login = lastLogin(account, family, last);
      RotationDecision decision = RotationDecider.decide(clock.instant(), target, state.expiry(),
          state.version(), last, login, forced);
      if (!extra.isEmpty()) {
        Set<RotationReason> more = EnumSet.copyOf(extra);
        if (decision instanceof RotationDecision.Rotate r) {
          more.addAll(r.reasons());
        }
        decision = new RotationDecision.Rotate(more);
      }
      if (!decision.rotate()) {
        RotationDecision.NotDue notDue = (RotationDecision.NotDue) decision;
        notDue.postAuthAt().ifPresent(at -> events.emit(AgentEvent.POST_AUTH_SCHEDULED, family,
            "successful authentication of '" + account + "' detected; reset scheduled at " + at));
        events.emit(AgentEvent.NOT_DUE, family, decision.describe());
        return CycleOutcome.of(CycleOutcome.Status.NOT_DUE, "days to change: " + notDue.daysLeft());
      }
      RotationDecision.Rotate rotate = (RotationDecision.Rotate) decision;
      boolean postAuth = rotate.reasons().contains(RotationReason.POST_AUTHENTICATION);
      if (rotate.reasons().contains(RotationReason.ADMIN_RESET)
          || rotate.reasons().contains(RotationReason.FORCED)) {
        events.emit(AgentEvent.ADMIN_REQUESTED, family,
            "updating the password due to an administrator-initiated request");
      }
      if (postAuth) {
        events.emit(AgentEvent.POST_AUTH_DUE, family, "post-authentication grace period for '"
            + account + "' expired; resetting now");
      }
      events.emit(AgentEvent.UPDATE_NEEDED, family, decision.describe());
      if (dryRun) {
        events.emit(AgentEvent.DRY_RUN, family, "dry run: would write a new password for '"
            + account + "' to " + dir.computer() + " and then set it locally");
        return CycleOutcome.of(CycleOutcome.Status.DRY_RUN, "would rotate '" + account + "'");
      }
      CycleOutcome outcome = rotate(dir, target, account, state, automatic,
          extra.contains(RotationReason.ACCOUNT_CREATED));
      if (postAuth && outcome.status() == CycleOutcome.Status.ROTATED) {
        finishPostAuth(target, account, family);
      } else if (postAuth) {
        events.emit(AgentEvent.POST_AUTH_FAILED, family, "post-authentication reset of '"
            + account + "' failed; retried next cycle");
      }
      return outcome;
    }
  }

  /**
   * Automatic account management before anything is written: the marked account, or a new one
   * (no usable password yet) under the configured name or a random one. A dry run creates
   * nothing and reports the name the account would get.
   */
  private String provide(ManagedAccount.Automatic spec, AttributeFamily family, boolean dryRun,
      Set<RotationReason> extra) throws PortException {
    Optional<String> existing = local.managed(spec);
    if (existing.isPresent()) {
      if (!spec.fits(existing.get())) {
        extra.add(RotationReason.ACCOUNT_NAME_CHANGED);
      }
      return existing.get();
    }
    String name = spec.randomizeName() ? randomName(spec) : spec.nameOrPrefix();
    extra.add(RotationReason.ACCOUNT_CREATED);
    if (dryRun) {
      events.emit(AgentEvent.DRY_RUN, family, "dry run: would create the managed account '" + name
          + "' (" + spec.describe() + ")");
      return name;
    }
    local.provide(spec, name);
    events.emit(AgentEvent.ACCOUNT_MANAGED, family, "created the managed local account '" + name
        + "' (" + spec.describe() + "); it gets its password once the directory holds it");
    return name;
  }

  private String randomName(ManagedAccount.Automatic spec) {
    return spec.randomName(random.nextInt(1_000_000));
  }

  /**
   * The newest login from the PAM hook's record or the device's login records. The records
   * reach back before this agent ran, so they count only after a rotation it completed: the
   * first rotation happens anyway, and an old login must not end the account's sessions.
   */
  private Optional<Instant> lastLogin(String account, AttributeFamily family,
      Optional<LastRotation> last) throws PortException {
    Optional<Instant> hook = journal(() -> journal.lastLogin(account));
    if (last.isEmpty()) {
      return hook;
    }
    Optional<Instant> records;
    try {
      records = logins.lastLogin(account).filter(at -> at.isAfter(last.get().at()));
    } catch (PortException e) {
      events.emit(AgentEvent.LOGIN_RECORDS_UNREADABLE, family, "the login records could not be"
          + " read, so only the PAM hook's record counts: " + e.getMessage());
      records = Optional.empty();
    }
    if (hook.isPresent() && records.isPresent()) {
      return Optional.of(hook.get().isAfter(records.get()) ? hook.get() : records.get());
    }
    return hook.isPresent() ? hook : records;
  }

  private static Optional<ManagedAccount.Automatic> automatic(AgentTarget.Resolution resolution) {
    if (resolution instanceof AgentTarget.Managed m
        && m.target().account() instanceof ManagedAccount.Automatic a && !a.builtIn()) {
      return Optional.of(a);
    }
    return Optional.empty();
  }

  private CycleOutcome rotate(DirectoryPort dir, AgentTarget target, String current,
      StoredState before, Optional<ManagedAccount.Automatic> automatic, boolean created)
      throws PortException {
    AttributeFamily family = target.family();
    if (target.encrypted() != dir.encrypts()) {
      // A wiring error, checked before anything is written: never put an encrypted plan's
      // password in clear text, nor encrypt what the policy wants readable.
      throw new IllegalStateException("the plan is " + (target.encrypted() ? "" : "not ")
          + "encrypted but the directory port " + (dir.encrypts() ? "encrypts" : "does not"));
    }
    // A randomized name changes with every rotation, except on the one that created the account.
    boolean renames = automatic.isPresent() && (automatic.get().randomizeName()
        ? !created : !current.equals(automatic.get().nameOrPrefix()));
    String account = !renames ? current : automatic.get().randomizeName()
        ? randomName(automatic.get()) : automatic.get().nameOrPrefix();
    Optional<UUID> version = family == AttributeFamily.WINDOWS && dir.storesVersion()
        ? Optional.of(randomVersion()) : Optional.empty();
    Instant now = clock.instant();
    Secret password = generator.generate(target.complexity(), target.length());
    Intent intent = new Intent(Intent.Phase.INTENT, family, account, password, FileTime.of(now),
        RotationDecider.expiryAfter(now, target.passwordAgeDays()), before.password(), version);
    journal(() -> {
      journal.record(intent);
      return null;
    });
    checkpoint.reached(Step.INTENT_RECORDED);
    try {
      dir.write(family, account, password, intent.updated(), intent.expires(), version);
    } catch (PortException e) {
      events.emit(writeFailureEvent(e, family), family, "failed to update Active Directory with"
          + " the new password; the current password has not been modified: " + e.getMessage());
      // The modify either applied or not; only a read can tell. Keep the intent if it cannot.
      settleAfterFailedWrite(dir, intent);
      throw e;
    }
    checkpoint.reached(Step.DIRECTORY_WRITTEN);
    StoredState after = dir.read(family);
    Optional<String> sealed = dir.lastSealed();
    if (target.encrypted() && sealed.isEmpty()) {
      throw new IllegalStateException("an encrypting port must report what it wrote");
    }
    // The computer cannot decrypt what it wrote: the stored bytes must be the bytes it sent,
    // when it may read them. On AD the encrypted attributes are confidential and grant-self
    // (Set-LapsADComputerSelfPermission) gives SELF no control-access right, so the bind sees
    // nothing; then the expiry, written in the same atomic modify, decides, as in clear text.
    boolean sealedVisible = sealed.isPresent() && after.sealed().isPresent();
    boolean landed = after.holds(intent)
        && (!sealedVisible || after.sealed().equals(sealed));
    if (!landed) {
      journal(() -> {
        journal.clear();
        return null;
      });
      PortException mismatch = new PortException(PortException.Kind.DIRECTORY_REJECTED,
          "read-back of " + dir.computer() + " does not show the value just written (another"
              + " writer?); the local password was not changed");
      events.emit(AgentEvent.DIRECTORY_UPDATE_FAILED, family, mismatch.getMessage());
      throw mismatch;
    }
    checkpoint.reached(Step.DIRECTORY_READ_BACK);
    events.emit(AgentEvent.DIRECTORY_UPDATED, family, "LAPS successfully updated Active Directory"
        + " with the new password (" + dir.computer() + ", verified by reading back the "
        + (sealedVisible ? "encrypted value and expiry"
            : after.password().isPresent() ? "password" : "expiry") + ")");
    Intent confirmed = intent.confirmed();
    journal(() -> {
      journal.record(confirmed);
      return null;
    });
    checkpoint.reached(Step.CONFIRMED_RECORDED);
    try {
      setLocal(account, password, family, automatic);
    } catch (PortException e) {
      restoreOrKeep(dir, confirmed, e);
      throw e;
    }
    checkpoint.reached(Step.LOCAL_SET);
    finish(confirmed);
    checkpoint.reached(Step.JOURNAL_CLEARED);
    return CycleOutcome.of(CycleOutcome.Status.ROTATED, "rotated '" + account + "'; expires "
        + intent.expires().toInstant());
  }

  private void settleAfterFailedWrite(DirectoryPort dir, Intent intent) {
    try {
      StoredState now = dir.read(intent.family());
      if (now.holds(intent)) {
        return; // applied after all: keep the journal; the next cycle finishes it
      }
      journal.clear();
    } catch (PortException unknown) {
      // Unknown outcome: the journal stays, and the next cycle reconciles.
    }
  }

  /** A random (version 4) GUID for {@code msLAPS-CurrentPasswordVersion}. */
  private UUID randomVersion() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }

  /**
   * The local step: under automatic management the account first takes the name the directory
   * now holds (a rename, or a creation if it vanished), then the password, then the enabled
   * state the policy asks for.
   */
  private void setLocal(String account, Secret password, AttributeFamily family,
      Optional<ManagedAccount.Automatic> automatic) throws PortException {
    if (automatic.isPresent()) {
      try {
        if (local.provide(automatic.get(), account)) {
          events.emit(AgentEvent.ACCOUNT_MANAGED, family, "created the managed local account '"
              + account + "' (" + automatic.get().describe() + ")");
        }
      } catch (PortException e) {
        events.emit(AgentEvent.LOCAL_UPDATE_FAILED, family, "failed to prepare the managed"
            + " account '" + account + "': " + e.getMessage());
        throw e;
      }
    }
    setLocal(account, password, family);
    if (automatic.isPresent()) {
      try {
        local.enable(account, automatic.get().enabled());
      } catch (PortException e) {
        events.emit(AgentEvent.LOCAL_UPDATE_FAILED, family, "the password of '" + account
            + "' is set, but " + (automatic.get().enabled() ? "enabling" : "disabling")
            + " it failed: " + e.getMessage());
        throw e;
      }
    }
  }

  private void setLocal(String account, Secret password, AttributeFamily family)
      throws PortException {
    PortException last = null;
    for (int attempt = 1; attempt <= LOCAL_ATTEMPTS; attempt++) {
      try {
        local.setPassword(account, password);
        events.emit(AgentEvent.LOCAL_UPDATED, family, "LAPS successfully updated the local admin"
            + " account with the new password. Account name: " + account);
        return;
      } catch (PortException e) {
        last = e;
        if (e.kind() != PortException.Kind.LOCAL_FAILED) {
          break; // missing or locked: retrying cannot help
        }
      }
    }
    events.emit(AgentEvent.LOCAL_UPDATE_FAILED, family, "failed to update the local admin account '"
        + account + "' with the new password: " + last.getMessage());
    throw last;
  }

  /**
   * The directory holds a password the account does not have. Put the previous one back when it
   * is known (it is what the account still has); otherwise keep the journal so that every later
   * cycle retries the same password rather than pushing yet another one.
   */
  private void restoreOrKeep(DirectoryPort dir, Intent confirmed, PortException cause) {
    AttributeFamily family = confirmed.family();
    if (confirmed.previous().isEmpty()) {
      events.emit(AgentEvent.JOURNAL_FOUND, family, "the previous password was not readable, so"
          + " the new one stays in the directory and the journal; the next cycle retries setting"
          + " it locally");
      return;
    }
    try {
      Instant now = clock.instant();
      Secret previous = confirmed.previous().get();
      FileTime expireNow = FileTime.of(now);
      dir.write(family, confirmed.account(), previous, FileTime.of(now), expireNow,
          Optional.empty());
      StoredState back = dir.read(family);
      if (back.password().map(previous::sameAs).orElse(false)) {
        journal.clear();
        events.emit(AgentEvent.DIRECTORY_RESTORED, family, "restored the previous password in"
            + " the directory, expiring now, because the local change failed: "
            + cause.getMessage());
      }
    } catch (PortException e) {
      events.emit(AgentEvent.JOURNAL_FOUND, family, "could not restore the previous password ("
          + e.getMessage() + "); the journal keeps the new one for the next cycle");
    }
  }

  private void finish(Intent confirmed) throws PortException {
    journal(() -> {
      journal.remember(new LastRotation(confirmed.family(), confirmed.account(),
          confirmed.expires(), clock.instant(), confirmed.version()));
      journal.clear();
      return null;
    });
  }

  private void finishPostAuth(AgentTarget target, String account, AttributeFamily family) {
    int actions = target.postAuthActions();
    if ((actions & 2) != 0) {
      try {
        local.terminateSessions(account);
      } catch (PortException e) {
        events.emit(AgentEvent.POST_AUTH_FAILED, family, "the password was reset, but ending the"
            + " sessions of '" + account + "' failed: " + e.getMessage());
        return;
      }
    }
    String unsupported = (actions & 4) != 0 ? "; reboot (action 5) is not done by this agent"
        : (actions & 8) != 0 ? "; terminating processes (action 11) is done only by ending the"
            + " sessions" : "";
    events.emit(AgentEvent.POST_AUTH_DONE, family, "post-authentication reset of '" + account
        + "' succeeded" + ((actions & 2) != 0 ? ", sessions ended" : "") + unsupported);
  }

  /**
   * Finishes an interrupted rotation. Returns true when it could not tell whether the directory
   * got the new password, so the cycle must rotate afresh (directory first), which is right either
   * way.
   */
  private boolean reconcile(Intent pending, Optional<ManagedAccount.Automatic> automatic)
      throws PortException {
    AttributeFamily family = pending.family();
    events.emit(AgentEvent.JOURNAL_FOUND, family, "an interrupted rotation of '"
        + pending.account() + "' was found (phase " + pending.phase() + "); reconciling");
    if (pending.phase() == Intent.Phase.CONFIRMED) {
      // The directory was read back holding the new password: finish locally, even offline.
      setLocal(pending.account(), pending.password(), family, automatic);
      finish(pending);
      events.emit(AgentEvent.JOURNAL_RECONCILED, family, "the directory held the new password;"
          + " the local account now has it too");
      return false;
    }
    try (DirectoryPort dir = open(family)) {
      StoredState state = read(dir, family);
      if (state.holds(pending)) {
        setLocal(pending.account(), pending.password(), family, automatic);
        finish(pending);
        events.emit(AgentEvent.JOURNAL_RECONCILED, family, "the interrupted write had reached"
            + " the directory; the local account now has the new password");
        return false;
      }
      journal(() -> {
        journal.clear();
        return null;
      });
      if (state.provesNotWritten(pending) || state.expiry().isEmpty()) {
        events.emit(AgentEvent.JOURNAL_RECONCILED, family, "the interrupted write never reached"
            + " the directory; the local password was never changed");
        return false;
      }
      events.emit(AgentEvent.JOURNAL_RECONCILED, family, "cannot tell whether the interrupted"
          + " write reached the directory (the password is not readable and the expiry changed);"
          + " rotating afresh");
      return true;
    }
  }

  private DirectoryPort open(AttributeFamily family) throws PortException {
    try {
      return directory.open();
    } catch (PortException e) {
      events.emit(e.kind() == PortException.Kind.DIRECTORY_UNREACHABLE ? AgentEvent.BIND_FAILED
          : AgentEvent.QUERY_FAILED, family, e.getMessage() + "; no local change was made");
      throw e;
    }
  }

  private StoredState read(DirectoryPort dir, AttributeFamily family) throws PortException {
    try {
      return dir.read(family);
    } catch (PortException e) {
      events.emit(e.kind() == PortException.Kind.DIRECTORY_SCHEMA ? AgentEvent.SCHEMA_MISSING
          : AgentEvent.QUERY_FAILED, family, "failed querying the directory for the current"
          + " computer state: " + e.getMessage());
      throw e;
    }
  }

  private static AgentEvent writeFailureEvent(PortException e, AttributeFamily family) {
    return family == AttributeFamily.LEGACY && e.kind() == PortException.Kind.DIRECTORY_DENIED
        ? AgentEvent.LEGACY_WRITE_DENIED : AgentEvent.DIRECTORY_UPDATE_FAILED;
  }

  /** A journal step whose failure stops the cycle before anything else changes. */
  private <T> T journal(JournalStep<T> step) throws PortException {
    try {
      return step.run();
    } catch (PortException e) {
      events.emit(AgentEvent.JOURNAL_FAILED, null, "the agent journal failed: " + e.getMessage());
      throw e;
    }
  }

  @FunctionalInterface
  private interface JournalStep<T> {
    T run() throws PortException;
  }
}
