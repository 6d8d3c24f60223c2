package io.lapsbridge.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} reveals per user in any sliding minute, counted by user DN across that
 * user's sessions on this instance (each instance counts its own; the audit collector sees all).
 */
public final class RevealLimiter {
  private static final Duration WINDOW = Duration.ofMinutes(1);
  private final int limit;
  private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

  public RevealLimiter(int limit) {
    this.limit = limit;
  }

  /** Counts a reveal by {@code user} at {@code now} and says whether it is within the limit. */
  public boolean allow(String user, Instant now) {
    Deque<Instant> times = recent.computeIfAbsent(user, u -> new ArrayDeque<>());
    synchronized (times) {
      Instant cutoff = now.minus(WINDOW);
      while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
        times.pollFirst();
      }
      if (times.size() >= limit) {
        return false;
      }
      times.addLast(now);
      return true;
    }
  }
}
