package io.lapsbridge.console;

import io.lapsbridge.decryption.KeySource;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.model.Secret;
import io.lapsbridge.usecase.KeySources;
import java.time.Instant;

/**
 * One signed-in user: their own bound directory connection (kept warm for the session), their
 * GetKey source, and the password, held only as the {@link Secret} inside the connection
 * settings (GetKey authenticates with it) and wiped by {@link #close()}.
 */
public final class Session implements AutoCloseable {
  private final String id;
  private final String csrfToken;
  private final String userDn;
  private final String userSid;
  private final LapsDirectory directory;
  private final KeySources keySources;
  private final KeySource keys;
  private final Instant created;
  private volatile Instant lastSeen;
  private volatile boolean closed;

  Session(String id, String csrfToken, String userDn, String userSid, LapsDirectory directory,
      KeySources keySources, Instant created) {
    this.id = id;
    this.csrfToken = csrfToken;
    this.userDn = userDn;
    this.userSid = userSid;
    this.directory = directory;
    this.keySources = keySources;
    this.keys = keySources.with(directory);
    this.created = created;
    this.lastSeen = created;
  }

  String id() {
    return id;
  }

  public String csrfToken() {
    return csrfToken;
  }

  public String userDn() {
    return userDn;
  }

  /** The user's SID as text, or null when the directory does not show it. */
  public String userSid() {
    return userSid;
  }

  LapsDirectory directory() {
    return directory;
  }

  KeySource keys() {
    return keys;
  }

  Instant created() {
    return created;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void touch(Instant now) {
    lastSeen = now;
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the connection and the RPC association, and wipes the password. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    keySources.close();
    directory.close();
    Secret password = directory.settings().bindPassword();
    if (password != null) {
      password.close();
    }
  }

  @Override
  public String toString() {
    return "Session[" + userDn + "]";
  }
}
