package io.lapsbridge.crypto;

import io.lapsbridge.model.ByteArrays;

/**
 * The key material of one group key (MS-GKDI): the root key's algorithms, the L2 seed key and the
 * group private key derived from it. Everything a decryptor needs to compute a blob's
 * key-encryption key, and nothing more. {@link #wipe()} clears the secret parts; {@code toString}
 * never shows them.
 *
 * @param dhParameters the DH group when {@code agreement} is DH, else null
 */
// Byte arrays on purpose (key material and encodings, wiped where secret): equals, hashCode and
// toString are overridden for them, so no array is compared by reference or printed.
@SuppressWarnings("ArrayRecordComponent")
public record GroupKey(KdfHash kdfHash, SecretAgreement agreement, DhParameters dhParameters,
    byte[] l2Seed, byte[] groupPrivate) {
  public GroupKey {
    if (kdfHash == null || agreement == null || l2Seed == null || groupPrivate == null
        || (agreement == SecretAgreement.DH) != (dhParameters != null)) {
      throw new IllegalArgumentException(
          "a group key needs a hash, an agreement (with DH parameters for DH) and its keys");
    }
  }

  /** Clears the L2 seed and the group private key. */
  public void wipe() {
    ByteArrays.wipe(l2Seed, groupPrivate);
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "GroupKey[" + kdfHash + ", " + agreement + ", keys=****]";
  }
}
