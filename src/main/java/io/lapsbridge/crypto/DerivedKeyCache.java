package io.lapsbridge.crypto;

import io.lapsbridge.model.ByteArrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded LRU of derived node keys per (root key, L0, L1, L2, security descriptor), so a bulk
 * decrypt walks the seed-key tree once per node. The root key is identified by id and a
 * fingerprint of its data, so a different key under the same id never hits a stale entry.
 * Thread-safe; evicted and cleared entries are wiped.
 */
final class DerivedKeyCache {
  /** The L2 seed key and the group private key derived from it. */
  // Byte arrays on purpose: a private holder of key material wiped in place, never compared.
  @SuppressWarnings("ArrayRecordComponent")
  record NodeKeys(byte[] l2Seed, byte[] groupPrivate) {
    void wipe() {
      ByteArrays.wipe(l2Seed, groupPrivate);
    }

    NodeKeys copy() {
      return new NodeKeys(l2Seed.clone(), groupPrivate.clone());
    }
  }

  private record Key(UUID rootId, String fingerprint, int l0, int l1, int l2, String sd) {}

  private final int capacity;
  private final AtomicLong derivations = new AtomicLong();
  private final Map<Key, NodeKeys> entries;

  DerivedKeyCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("cache capacity must not be negative");
    }
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, NodeKeys> eldest) {
            if (size() > DerivedKeyCache.this.capacity) {
              eldest.getValue().wipe();
              return true;
            }
            return false;
          }
        };
  }

  /**
   * The node keys; derived on a miss. Callers get their own copy and should wipe it after use, so
   * eviction or {@link #clear()} never pulls keys from under a decrypt in another thread.
   */
  NodeKeys get(KdsRootKey root, byte[] sd, int l0, int l1, int l2) {
    Key key = new Key(root.id(), root.fingerprint(), l0, l1, l2, HexFormat.of().formatHex(sd));
    synchronized (entries) {
      NodeKeys hit = entries.get(key);
      if (hit != null) {
        return hit.copy();
      }
    }
    // Derive outside the lock; a concurrent duplicate derivation is harmless.
    derivations.incrementAndGet();
    byte[] seed = GkdiKeyDerivation.l2SeedKey(root, sd, l0, l1, l2);
    NodeKeys keys = new NodeKeys(seed, GkdiKeyDerivation.groupPrivateKey(root, seed));
    if (capacity == 0) {
      return keys;
    }
    synchronized (entries) {
      NodeKeys raced = entries.putIfAbsent(key, keys);
      if (raced != null) {
        keys.wipe();
        return raced.copy();
      }
      return keys.copy();
    }
  }

  /** How many node derivations ran (cache misses). */
  long derivations() {
    return derivations.get();
  }

  void clear() {
    synchronized (entries) {
      entries.values().forEach(NodeKeys::wipe);
      entries.clear();
    }
  }

  @Override
  public String toString() {
    return "DerivedKeyCache[capacity=" + capacity + "]";
  }
}
