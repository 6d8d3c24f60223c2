package io.lapsbridge.rpc.gkdi;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupKeyEnvelope;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The client-side envelope cache of MS-GKDI 3.2.4.1: per (domain controller, root key, L0,
 * target security descriptor) the newest seed-key envelope seen. A cached envelope serves any
 * node it {@linkplain GroupKeyEnvelope#covers covers} (the same node or an older L1/L2 of that
 * L0) by deriving down, so one GetKey can serve every value of an interval and all older ones of
 * that L0. Only kept for a run; thread-safe.
 */
public final class GroupKeyCache {
  private record Key(String server, UUID rootKeyId, int l0, String sd) {}

  private final Map<Key, GroupKeyEnvelope> entries = new HashMap<>();
  private int hits;

  /** A cached envelope that derives {@code node}, if any. */
  public synchronized Optional<GroupKeyEnvelope> find(
      String server, byte[] sd, UUID rootKeyId, GkdiInterval node) {
    GroupKeyEnvelope e = entries.get(new Key(server, rootKeyId, node.l0(), hex(sd)));
    if (e != null && e.covers(node)) {
      hits++;
      return Optional.of(e);
    }
    return Optional.empty();
  }

  /** Keeps {@code envelope} when it is newer than what is cached for its L0. */
  public synchronized void put(String server, byte[] sd, GroupKeyEnvelope envelope) {
    if (envelope.isPublicKeyOnly()) {
      return;
    }
    Key key = new Key(server, envelope.rootKeyId(), envelope.l0(), hex(sd));
    GroupKeyEnvelope old = entries.get(key);
    if (old == null || newer(envelope, old)) {
      entries.put(key, envelope);
    }
  }

  /** How many lookups the cache answered. */
  public synchronized int hits() {
    return hits;
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized void clear() {
    entries.clear();
  }

  private static boolean newer(GroupKeyEnvelope a, GroupKeyEnvelope b) {
    return a.l1() != b.l1() ? a.l1() > b.l1() : a.l2() > b.l2();
  }

  private static String hex(byte[] sd) {
    return HexFormat.of().formatHex(sd);
  }

  @Override
  public synchronized String toString() {
    return "GroupKeyCache[" + entries.size() + " envelopes, " + hits + " hits]";
  }
}
