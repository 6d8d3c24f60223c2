package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsEncryptedValue;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.FileTimeText;
import io.lapsbridge.wire.LapsAttribute;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a Windows LAPS password the way an encrypting Windows client does: the value encrypted
 * to the published group public key, in ONE modify with {@code msLAPS-PasswordExpirationTime}
 * and, when history is kept, {@code msLAPS-EncryptedPasswordHistory} with the previous value
 * pushed in front and the oldest entries dropped beyond {@code historySize}.
 *
 * <p>The device never decrypts: the previous value moves to the history as opaque bytes, and
 * read-back compares fingerprints of the bytes written.
 */
public final class EncryptedPasswordWriter {
  private final GroupPublicKey key;
  private final LapsEncryptor encryptor;
  private final int historySize;

  /** @param historySize ADEncryptedPasswordHistorySize (0-12); 0 leaves any history untouched */
  public EncryptedPasswordWriter(GroupPublicKey key, LapsEncryptor encryptor, int historySize) {
    if (key == null || encryptor == null) {
      throw new IllegalArgumentException("key and encryptor are required");
    }
    if (historySize < 0 || historySize > 12) {
      throw new IllegalArgumentException("history size must be 0-12: " + historySize);
    }
    this.key = key;
    this.encryptor = encryptor;
    this.historySize = historySize;
  }

  /** The SID the values are encrypted to. */
  public String sid() {
    return key.descriptor().sid();
  }

  /** Encrypts {@code value} to this writer's key, as {@link #write} stores it. */
  byte[] seal(WindowsLapsPasswordJson.Value value) throws LapsCryptoException {
    return encryptor.encrypt(key, value);
  }

  /** The stored encrypted value's fingerprint, when there is one and this bind may read it. */
  static Optional<String> currentFingerprint(LapsDirectory directory, ComputerRef computer)
      throws DirectoryException {
    List<byte[]> current = EncryptedAttributes.read(directory, computer,
        List.of(LapsAttribute.ENCRYPTED_PASSWORD)).get(LapsAttribute.ENCRYPTED_PASSWORD);
    return current == null || current.isEmpty()
        ? Optional.empty() : Optional.of(fingerprint(current.get(0)));
  }

  /**
   * Encrypts {@code value} and writes it with {@code expires} (and the history) in one modify.
   * Returns the fingerprint of the encrypted value written.
   */
  String write(LapsDirectory directory, ComputerRef computer, WindowsLapsPasswordJson.Value value,
      FileTime expires) throws DirectoryException, LapsCryptoException {
    return write(directory, computer, value, expires, Optional.empty());
  }

  /** As {@link #write}, with {@code msLAPS-CurrentPasswordVersion} in the same modify. */
  String write(LapsDirectory directory, ComputerRef computer, WindowsLapsPasswordJson.Value value,
      FileTime expires, Optional<java.util.UUID> version)
      throws DirectoryException, LapsCryptoException {
    byte[] sealed = seal(value);
    List<Modification> mods = new ArrayList<>();
    mods.add(new Modification(ModificationType.REPLACE,
        LapsAttribute.ENCRYPTED_PASSWORD.ldapName(), sealed));
    mods.add(new Modification(ModificationType.REPLACE,
        LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName(), FileTimeText.toDecimal(expires)));
    version.ifPresent(v -> mods.add(PasswordVersion.replace(v)));
    if (historySize > 0) {
      Map<LapsAttribute, List<byte[]>> stored = EncryptedAttributes.read(directory, computer,
          List.of(LapsAttribute.ENCRYPTED_PASSWORD, LapsAttribute.ENCRYPTED_PASSWORD_HISTORY));
      List<byte[]> previous = stored.getOrDefault(LapsAttribute.ENCRYPTED_PASSWORD, List.of());
      List<byte[]> history =
          stored.getOrDefault(LapsAttribute.ENCRYPTED_PASSWORD_HISTORY, List.of());
      List<byte[]> next = nextHistory(previous, history, historySize);
      if (!previous.isEmpty() || history.size() > historySize) {
        mods.add(new Modification(ModificationType.REPLACE,
            LapsAttribute.ENCRYPTED_PASSWORD_HISTORY.ldapName(), next.toArray(new byte[0][])));
      }
    }
    String dn = computer.dn();
    try {
      LDAPResult result = directory.connection().modify(dn, mods);
      if (!ResultCode.SUCCESS.equals(result.getResultCode())) {
        throw LapsDirectory.failure("modify", dn, LapsAttribute.ENCRYPTED_PASSWORD,
            new LDAPException(result));
      }
    } catch (LDAPException e) {
      throw LapsDirectory.failure("modify", dn, LapsAttribute.ENCRYPTED_PASSWORD, e);
    }
    return fingerprint(sealed);
  }

  /**
   * The history after a rotation: the previous current value first, then the stored history
   * newest first (LDAP keeps no order; the header time decides), cut to {@code size}. Values whose
   * header cannot be read sort as oldest, so they are the first dropped.
   */
  static List<byte[]> nextHistory(List<byte[]> previous, List<byte[]> history, int size) {
    List<byte[]> sorted = new ArrayList<>(history);
    sorted.sort((a, b) -> Long.compare(headerTicks(b), headerTicks(a)));
    List<byte[]> next = new ArrayList<>(previous);
    next.addAll(sorted);
    return List.copyOf(next.subList(0, Math.min(size, next.size())));
  }

  /**
   * The update time in a LAPS value's 16-byte header (high half, then low half, little-endian);
   * only the header is read, since ordering needs nothing else.
   */
  static long headerTicks(byte[] value) {
    if (value == null || value.length < LapsEncryptedValue.HEADER_LENGTH) {
      return Long.MIN_VALUE;
    }
    try {
      LittleEndianReader header = LittleEndianReader.of(value);
      long high = header.u32("update time, high half");
      long low = header.u32("update time, low half");
      return high > 0x7FFF_FFFFL ? Long.MIN_VALUE : high << 32 | low;
    } catch (BinaryFormatException e) {
      throw new IllegalStateException("the length was checked", e);
    }
  }

  /** SHA-256 of an encrypted value, in hex: safe to log and compare. */
  public static String fingerprint(byte[] value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
