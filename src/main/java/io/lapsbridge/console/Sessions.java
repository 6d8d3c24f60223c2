package io.lapsbridge.console;

import io.lapsbridge.directory.ComputerSuggestions;
import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.model.Secret;
import io.lapsbridge.model.Sid;
import io.lapsbridge.usecase.KeySources;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The signed-in users of this instance, in memory only. A session ends at sign-out, after the
 * idle timeout, or at the absolute timeout; ending it closes the user's connection and wipes
 * their password. {@link #sweep(Consumer)} ends the timed-out ones even when no request comes.
 */
public final class Sessions implements AutoCloseable {
  private final ConsoleSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  public Sessions(ConsoleSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Binds as {@code user} with {@code password} and opens a session; the password is adopted
   * (wiped when the session ends, or now if the bind fails).
   */
  public Session signIn(String user, Secret password) throws DirectoryException {
    ConnectionSettings template = settings.directory();
    ConnectionSettings mine = new ConnectionSettings(template.host(), template.port(),
        template.security(), user, password, template.trustStore(), template.baseDn(),
        template.timeout(), template.trustStorePassword());
    LapsDirectory directory;
    try {
      directory = LapsDirectory.open(mine);
    } catch (DirectoryException | RuntimeException e) {
      password.close();
      throw e;
    }
    String sid = ComputerSuggestions.bindSid(directory).map(Sid::toString).orElse(null);
    Session session = new Session(token(), token(), user, sid, directory,
        KeySources.withoutKeyFile(settings.online()), clock.instant());
    byId.put(session.id(), session);
    return session;
  }

  /** The live session of {@code id}, touched; empty (and ended) when it timed out. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = byId.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      end(session);
      return Optional.empty();
    }
    session.touch(now);
    return Optional.of(session);
  }

  /** Ends {@code session} now. */
  public void end(Session session) {
    byId.remove(session.id(), session);
    session.close();
  }

  /** Ends every timed-out session; each is handed to {@code ended} (for the audit). */
  public void sweep(Consumer<Session> ended) {
    Instant now = clock.instant();
    List<Session> old = new ArrayList<>();
    byId.values().forEach(s -> {
      if (expired(s, now)) {
        old.add(s);
      }
    });
    for (Session s : old) {
      if (byId.remove(s.id(), s)) {
        s.close();
        ended.accept(s);
      }
    }
  }

  public int size() {
    return byId.size();
  }

  private boolean expired(Session session, Instant now) {
    return !now.isBefore(session.lastSeen().plus(settings.idleTimeout()))
        || !now.isBefore(session.created().plus(settings.absoluteTimeout()));
  }

  /** 256 random bits, URL-safe: session ids and CSRF tokens. */
  String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public Duration idleTimeout() {
    return settings.idleTimeout();
  }

  @Override
  public void close() {
    byId.values().forEach(Session::close);
    byId.clear();
  }
}
