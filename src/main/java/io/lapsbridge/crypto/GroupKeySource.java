package io.lapsbridge.crypto;

import java.util.UUID;

/**
 * Where {@link LapsDecryptor} gets seed keys when it has no root key: a domain controller's
 * GKDI service (the {@code rpc} package answers with {@code GetKey}) or a cache of its answers.
 * Implementations report refusals as {@link LapsCryptoException}s, with {@link
 * LapsCryptoException.Reason#NOT_AUTHORIZED} when the caller is not an authorized decryptor.
 */
@FunctionalInterface
public interface GroupKeySource {
  /**
   * An envelope with seed keys for {@code node} of root key {@code rootKeyId} under {@code
   * descriptor}, or for a newer node of the same L0 from which it derives ({@link
   * GroupKeyEnvelope#covers}).
   */
  GroupKeyEnvelope seedKeys(SidProtectionDescriptor descriptor, UUID rootKeyId, GkdiInterval node)
      throws LapsCryptoException;
}
