package io.lapsbridge.decryption;

import io.lapsbridge.crypto.GroupKeySource;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.LapsEncryptedValue;
import io.lapsbridge.directory.DirectoryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decrypts {@code msLAPS-Encrypted*} values one by one and says, per value, what happened: a
 * value that cannot be decrypted gets a status and a note, and never stops the others.
 */
public final class PasswordDecryption {
  /** The note of every value when no key source is available at all. */
  public static final String NO_KEY_NOTE =
      "no KDS root key: give --kds-key-file or bind as a KDS root key reader";

  private final KeySource keys;
  private LapsDecryptor decryptor;

  public PasswordDecryption(KeySource keys) {
    this.keys = keys;
  }

  /**
   * Whether any key source is available; reads the directory's root keys on the first call. An
   * unreachable directory propagates; a refusal becomes {@link #whyUnavailable()}.
   */
  public boolean available() throws DirectoryException {
    Optional<GroupKeySource> source = keys.groupKeys();
    if (source.isPresent() && decryptor == null) {
      decryptor = LapsDecryptor.using(source.get());
    }
    return source.isPresent();
  }

  /** Why no key source is available, or null. */
  public String whyUnavailable() {
    return keys.whyUnavailable();
  }

  /** Decrypts one attribute value (header and blob). Call {@link #available()} first. */
  public ValueDecryption decrypt(byte[] value) {
    LapsEncryptedValue parsed;
    try {
      parsed = LapsEncryptedValue.parse(value);
    } catch (LapsCryptoException e) {
      return new ValueDecryption(DecryptionStatus.MALFORMED, null, null, null, e.getMessage());
    }
    String sid = parsed.blob().descriptor().sid();
    if (decryptor == null) {
      return new ValueDecryption(
          DecryptionStatus.UNAUTHORIZED, parsed.updated(), sid, null, NO_KEY_NOTE);
    }
    try {
      return new ValueDecryption(
          DecryptionStatus.SUCCESS, parsed.updated(), sid, decryptor.decrypt(value), null);
    } catch (LapsCryptoException e) {
      return new ValueDecryption(
          DecryptionStatus.of(e.reason()), parsed.updated(), sid, null, e.getMessage());
    }
  }

  /** The values newest first by header time, as Windows shows history; LDAP keeps no order. */
  public static List<byte[]> newestFirst(List<byte[]> values) {
    List<byte[]> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparingLong(PasswordDecryption::headerTicks).reversed());
    return sorted;
  }

  private static long headerTicks(byte[] value) {
    try {
      return LapsEncryptedValue.parse(value).updated().ticks();
    } catch (LapsCryptoException e) {
      return -1;
    }
  }
}
