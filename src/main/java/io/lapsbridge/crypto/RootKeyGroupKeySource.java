package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;

/**
 * The offline {@link GroupKeySource}: derives group keys from KDS root keys, as the KDS on a
 * domain controller does, caching derived nodes per (root key, L0, L1, L2, descriptor) so that
 * many values of one interval derive once. Thread-safe.
 */
public final class RootKeyGroupKeySource implements GroupKeySource {
  private final RootKeyProvider rootKeys;
  private final DerivedKeyCache cache;

  public RootKeyGroupKeySource(RootKeyProvider rootKeys) {
    this(rootKeys, LapsDecryptor.DEFAULT_CACHE_ENTRIES);
  }

  /** @param cacheEntries how many derived nodes to keep; 0 disables caching */
  public RootKeyGroupKeySource(RootKeyProvider rootKeys, int cacheEntries) {
    if (rootKeys == null) {
      throw new IllegalArgumentException("root key provider must not be null");
    }
    this.rootKeys = rootKeys;
    this.cache = new DerivedKeyCache(cacheEntries);
  }

  @Override
  public GroupKey groupKey(GroupKeyRequest request) throws LapsCryptoException {
    KdsRootKey root = rootKeys.find(request.rootKeyId()).orElseThrow(
        () -> new LapsCryptoException(
            Reason.UNKNOWN_ROOT_KEY, "no KDS root key " + request.rootKeyId() + " is available"));
    if (!root.id().equals(request.rootKeyId())) {
      throw new LapsCryptoException(
          Reason.WRONG_ROOT_KEY,
          "blob needs root key " + request.rootKeyId() + " but was given " + root.id());
    }
    DerivedKeyCache.NodeKeys node = cache.get(root, request.descriptor().securityDescriptor(),
        request.l0(), request.l1(), request.l2());
    return new GroupKey(root.kdfHash(), root.agreement(),
        root.agreement() == SecretAgreement.DH ? root.dhParameters() : null,
        node.l2Seed(), node.groupPrivate());
  }

  /** How many node derivations ran: cache misses, for tests and the benchmark. */
  long derivations() {
    return cache.derivations();
  }

  /** Wipes and drops every cached derived key. */
  public void clearCache() {
    cache.clear();
  }
}
