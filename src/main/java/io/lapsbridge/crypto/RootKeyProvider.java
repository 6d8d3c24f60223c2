package io.lapsbridge.crypto;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where {@link LapsDecryptor} finds KDS root keys: the directory layer (reading {@code
 * msKds-ProvRootKey} objects with a privileged bind), a {@code --kds-key-file}, or a fixed set in
 * tests. Implementations may throw {@link LapsCryptoException} for their own failures.
 */
@FunctionalInterface
public interface RootKeyProvider {
  /** The root key with this id, or empty when the source has none. */
  Optional<KdsRootKey> find(UUID rootKeyId) throws LapsCryptoException;

  /** A provider over a fixed set of keys. */
  static RootKeyProvider of(Collection<KdsRootKey> keys) {
    Map<UUID, KdsRootKey> byId = new HashMap<>();
    for (KdsRootKey k : keys) {
      byId.put(k.id(), k);
    }
    Map<UUID, KdsRootKey> frozen = Map.copyOf(byId);
    return id -> Optional.ofNullable(frozen.get(id));
  }

  static RootKeyProvider of(KdsRootKey... keys) {
    return of(java.util.List.of(keys));
  }
}
