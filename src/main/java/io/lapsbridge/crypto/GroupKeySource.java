package io.lapsbridge.crypto;

/**
 * The port {@link LapsDecryptor} gets group keys through: "the group key for this root key,
 * interval and descriptor". Offline, {@link RootKeyGroupKeySource} derives it from KDS root keys
 * (a key file or a privileged bind); online, an MS-GKDI GetKey client asks a domain controller,
 * which decides per descriptor whether the caller may have it.
 */
@FunctionalInterface
public interface GroupKeySource {
  /**
   * The group key; the caller wipes it after use.
   *
   * @throws LapsCryptoException {@link LapsCryptoException.Reason#UNAUTHORIZED} when the caller is
   *     not an authorized decryptor of this descriptor, {@link
   *     LapsCryptoException.Reason#UNKNOWN_ROOT_KEY} when the source has no such root key
   */
  GroupKey groupKey(GroupKeyRequest request) throws LapsCryptoException;
}
