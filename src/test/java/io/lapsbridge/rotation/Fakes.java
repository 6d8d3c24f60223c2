package io.lapsbridge.rotation;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.policy.ManagedAccount;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** In-memory ports whose state survives a simulated crash, as disks and directories do. */
final class Fakes {
  private Fakes() {}

  /** Thrown by a checkpoint to stop a cycle dead, like kill -9. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(Checkpoint.Step step) {
      super("crash at " + step);
    }
  }

  /** A clock that moves 1 ms each time it is read, so every expiry written is distinct. */
  static final class TickingClock extends Clock {
    private Instant now;

    TickingClock(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plusMillis(1);
      return now;
    }

    synchronized void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** The computer object: one password and expiry per family. */
  static final class Directory implements DirectoryPort {
    final Map<AttributeFamily, String> passwords = new EnumMap<>(AttributeFamily.class);
    final Map<AttributeFamily, FileTime> expiries = new EnumMap<>(AttributeFamily.class);
    boolean passwordReadable = true;
    boolean down;
    int writeFailures;
    int writes;
    /** Encrypted mode: the Windows family is stored as opaque bytes the computer cannot read. */
    boolean encrypting;
    /** The stored encrypted value's fingerprint per family (encrypted mode). */
    final Map<AttributeFamily, String> sealed = new EnumMap<>(AttributeFamily.class);
    /** Whether the bind may read the encrypted value (on AD it is confidential to SELF). */
    boolean sealedReadable = true;
    /** Encrypted values pushed to history, newest first. */
    final List<String> history = new ArrayList<>();
    int historySize;
    private Optional<String> lastSealed = Optional.empty();
    /** Runs inside write, after the value landed: a concurrent admin, for instance. */
    Runnable afterWrite = () -> { };
    /** Whether the schema has msLAPS-CurrentPasswordVersion. */
    boolean versioned = true;
    final Map<AttributeFamily, UUID> versions = new EnumMap<>(AttributeFamily.class);
    /** The account name written with the password (the JSON n). */
    final Map<AttributeFamily, String> names = new EnumMap<>(AttributeFamily.class);

    DirectoryPort.Connector connector() {
      return () -> {
        if (down) {
          throw new PortException(PortException.Kind.DIRECTORY_UNREACHABLE,
              "cannot reach ldap://dc.example.com:389: Connection refused");
        }
        return this;
      };
    }

    @Override
    public String computer() {
      return "CN=PC1,OU=Computers,DC=example,DC=com";
    }

    @Override
    public StoredState read(AttributeFamily family) throws PortException {
      if (down) {
        throw new PortException(PortException.Kind.DIRECTORY_UNREACHABLE, "connection lost");
      }
      if (encrypting && family == AttributeFamily.WINDOWS) {
        return new StoredState(Optional.ofNullable(expiries.get(family)), Optional.empty(),
            Optional.empty(), Optional.ofNullable(sealed.get(family)).filter(v -> sealedReadable),
            Optional.ofNullable(versions.get(family)));
      }
      Optional<Secret> password = passwordReadable
          ? Optional.ofNullable(passwords.get(family)).map(Secret::of) : Optional.empty();
      return new StoredState(Optional.ofNullable(expiries.get(family)), password,
          Optional.empty(), Optional.empty(), Optional.ofNullable(versions.get(family)));
    }

    @Override
    public boolean storesVersion() {
      return versioned;
    }

    @Override
    public boolean encrypts() {
      return encrypting;
    }

    @Override
    public Optional<String> lastSealed() {
      return lastSealed;
    }

    @Override
    public void write(AttributeFamily family, String account, Secret password, FileTime updated,
        FileTime expires, Optional<UUID> version) throws PortException {
      if (version.isPresent() && (!versioned || family != AttributeFamily.WINDOWS)) {
        throw new PortException(PortException.Kind.DIRECTORY_SCHEMA,
            "undefined attribute msLAPS-CurrentPasswordVersion");
      }
      if (down) {
        throw new PortException(PortException.Kind.DIRECTORY_UNREACHABLE, "connection lost");
      }
      if (writeFailures > 0) {
        writeFailures--;
        throw new PortException(PortException.Kind.DIRECTORY_DENIED,
            "access denied: modify on 'CN=PC1' attribute ms-Mcs-AdmPwd");
      }
      writes++;
      if (encrypting && family == AttributeFamily.WINDOWS) {
        String previous = sealed.get(family);
        if (previous != null && historySize > 0) {
          history.add(0, previous);
          while (history.size() > historySize) {
            history.remove(history.size() - 1);
          }
        }
        String value = "sealed-" + writes;
        sealed.put(family, value);
        lastSealed = Optional.of(value);
      }
      passwords.put(family, password.reveal());
      expiries.put(family, expires);
      names.put(family, account);
      version.ifPresent(v -> versions.put(family, v));
      afterWrite.run();
    }

    @Override
    public void close() {}
  }

  /** Local accounts with recorded passwords. */
  static final class Accounts implements LocalAccountPort {
    final Map<String, String> passwords = new HashMap<>();
    final List<String> terminated = new ArrayList<>();
    /** Accounts the agent created (automatic account management). */
    final Set<String> marked = new TreeSet<>();
    final Map<String, Boolean> enabled = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    int failures;
    int sets;
    boolean locked;

    @Override
    public Optional<String> managed(ManagedAccount.Automatic account) {
      return marked.stream().findFirst();
    }

    @Override
    public boolean provide(ManagedAccount.Automatic account, String name) throws PortException {
      if (passwords.containsKey(name)) {
        if (!marked.contains(name)) {
          throw new PortException(PortException.Kind.ACCOUNT_MISSING,
              "a local account '" + name + "' exists and was not created by this agent");
        }
        return false;
      }
      Optional<String> previous = marked.stream().findFirst();
      if (previous.isPresent()) {
        calls.add("rename " + previous.get() + " " + name);
        passwords.put(name, passwords.remove(previous.get()));
        enabled.put(name, enabled.remove(previous.get()));
        marked.remove(previous.get());
        marked.add(name);
        return false;
      }
      calls.add("create " + name);
      passwords.put(name, "!");
      enabled.put(name, false);
      marked.add(name);
      return true;
    }

    @Override
    public void enable(String name, boolean on) {
      calls.add((on ? "enable " : "disable ") + name);
      enabled.put(name, on);
    }

    @Override
    public String resolve(ManagedAccount account) throws PortException {
      String name = account instanceof ManagedAccount.Named n ? n.name() : "Administrator";
      if (!passwords.containsKey(name)) {
        throw new PortException(PortException.Kind.ACCOUNT_MISSING,
            "failed to find the managed local account '" + name + "'");
      }
      if (locked) {
        throw new PortException(PortException.Kind.ACCOUNT_LOCKED, "'" + name + "' is locked");
      }
      return name;
    }

    @Override
    public void setPassword(String account, Secret password) throws PortException {
      if (failures > 0) {
        failures--;
        throw new PortException(PortException.Kind.LOCAL_FAILED, "chpasswd failed with status 1");
      }
      if (!passwords.containsKey(account)) {
        throw new PortException(PortException.Kind.ACCOUNT_MISSING, "no account '" + account + "'");
      }
      sets++;
      calls.add("set " + account);
      passwords.put(account, password.reveal());
    }

    @Override
    public void terminateSessions(String account) {
      terminated.add(account);
    }
  }

  /** A journal that keeps its content across crashes. */
  static final class MemoryJournal implements Journal {
    Intent pending;
    final Map<AttributeFamily, LastRotation> last = new EnumMap<>(AttributeFamily.class);
    final Map<String, Instant> logins = new HashMap<>();
    final List<Intent.Phase> recorded = new ArrayList<>();

    @Override
    public Optional<Intent> pending() {
      return Optional.ofNullable(pending);
    }

    @Override
    public void record(Intent intent) {
      recorded.add(intent.phase());
      pending = intent;
    }

    @Override
    public void clear() {
      pending = null;
    }

    @Override
    public Optional<LastRotation> last(AttributeFamily family) {
      return Optional.ofNullable(last.get(family));
    }

    @Override
    public void remember(LastRotation rotation) {
      last.put(rotation.family(), rotation);
    }

    @Override
    public Optional<Instant> lastLogin(String account) {
      return Optional.ofNullable(logins.get(account));
    }
  }
}
