package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.wire.MalformedValueException;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts {@code msLAPS-Encrypted*} values and bare DPAPI-NG blobs with group keys from a {@link
 * GroupKeySource}: offline from KDS root keys ({@link RootKeyGroupKeySource}, which caches derived
 * nodes), or online from a domain controller. Thread-safe when the source is.
 *
 * <p>Failure reasons: {@link Reason#UNKNOWN_ROOT_KEY} when the source lacks the blob's root key,
 * {@link Reason#UNAUTHORIZED} when the source refuses the caller, {@link Reason#WRONG_ROOT_KEY}
 * when the derived key does not unwrap the content key, {@link Reason#TAG_MISMATCH} when GCM
 * authentication fails, and the parse reasons of {@link LapsEncryptedValue} and {@link
 * DpapiNgBlob}.
 */
public final class LapsDecryptor {
  /** Enough for every interval of a few years of history across a handful of root keys. */
  public static final int DEFAULT_CACHE_ENTRIES = 1024;

  private final GroupKeySource groupKeys;

  /** Offline, from root keys, with the default cache. */
  public LapsDecryptor(RootKeyProvider keys) {
    this(keys, DEFAULT_CACHE_ENTRIES);
  }

  /** @param cacheEntries how many derived nodes to keep; 0 disables caching */
  public LapsDecryptor(RootKeyProvider keys, int cacheEntries) {
    this(new RootKeyGroupKeySource(keys, cacheEntries));
  }

  private LapsDecryptor(GroupKeySource groupKeys) {
    if (groupKeys == null) {
      throw new IllegalArgumentException("group key source must not be null");
    }
    this.groupKeys = groupKeys;
  }

  /** A decryptor over any group key source, such as an MS-GKDI GetKey client. */
  public static LapsDecryptor using(GroupKeySource groupKeys) {
    return new LapsDecryptor(groupKeys);
  }

  /** Decrypts an attribute value (header + blob) and decodes the {@code {n,t,p}} payload. */
  public DecryptedPassword decrypt(byte[] attributeValue) throws LapsCryptoException {
    LapsEncryptedValue value = LapsEncryptedValue.parse(attributeValue);
    byte[] plaintext = decrypt(value.blob());
    try {
      WindowsLapsPasswordJson.Value json = decodePayload(plaintext);
      return new DecryptedPassword(
          json.account(), json.updated(), json.password(), value.updated(),
          value.blob().descriptor().sid());
    } finally {
      ByteArrays.wipe(plaintext);
    }
  }

  /** Decrypts a bare DPAPI-NG blob (either layout). The caller should wipe the result. */
  public byte[] decryptBlob(byte[] blob) throws LapsCryptoException {
    return decrypt(DpapiNgBlob.parse(blob));
  }

  /** Decrypts a parsed blob. The caller should wipe the result. */
  public byte[] decrypt(DpapiNgBlob blob) throws LapsCryptoException {
    GkdiKeyIdentifier id = blob.keyIdentifier();
    GroupKey key = groupKeys.groupKey(
        new GroupKeyRequest(id.rootKeyId(), id.l0(), id.l1(), id.l2(), blob.descriptor()));
    byte[] kek;
    try {
      kek = keyEncryptionKey(key, id);
    } finally {
      key.wipe();
    }
    byte[] cek = null;
    try {
      cek = unwrap(kek, blob.wrappedKey(), id);
      return gcmDecrypt(cek, blob.gcmNonce(), blob.ciphertext());
    } finally {
      ByteArrays.wipe(kek, cek);
    }
  }

  private static byte[] keyEncryptionKey(GroupKey key, GkdiKeyIdentifier id)
      throws LapsCryptoException {
    if (!id.isPublicKeyMode()) {
      return GkdiKeyDerivation.kekFromNonce(key.kdfHash(), key.l2Seed(), id.keyInfo());
    }
    PublicKeyBlob peer = id.publicKey();
    if (peer.agreement() != key.agreement()) {
      throw new LapsCryptoException(
          Reason.WRONG_ROOT_KEY,
          "blob uses " + peer.agreement().windowsName() + " but root key " + id.rootKeyId()
              + " is " + key.agreement().windowsName());
    }
    byte[] z;
    if (peer instanceof FfcDhPublicKey dh) {
      if (!dh.parameters().equals(key.dhParameters())) {
        throw new LapsCryptoException(
            Reason.WRONG_ROOT_KEY, "blob's DH group differs from root key " + id.rootKeyId());
      }
      z =
          GkdiKeyDerivation.dhSharedSecret(
              key.dhParameters(), new BigInteger(1, key.groupPrivate()), dh.y());
    } else {
      PrivateKey x = GkdiKeyDerivation.ecPrivateKey(key.agreement(), key.groupPrivate());
      z = GkdiKeyDerivation.ecdhSharedSecret(key.agreement(), x, (EcdhPublicKey) peer);
    }
    try {
      return GkdiKeyDerivation.kekFromSharedSecret(key.kdfHash(), key.agreement(), z);
    } finally {
      ByteArrays.wipe(z);
    }
  }

  private static byte[] unwrap(byte[] kek, byte[] wrapped, GkdiKeyIdentifier id)
      throws LapsCryptoException {
    try {
      Cipher c = Cipher.getInstance("AESWrap");
      c.init(Cipher.UNWRAP_MODE, new SecretKeySpec(kek, "AES"));
      Key cek = c.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
      return cek.getEncoded();
    } catch (GeneralSecurityException e) {
      // RFC 3394's integrity check failed: the KEK is not the one the blob was made with.
      throw new LapsCryptoException(
          Reason.WRONG_ROOT_KEY,
          "content key does not unwrap: root key " + id.rootKeyId() + " (L0=" + id.l0() + ", L1="
              + id.l1() + ", L2=" + id.l2() + ") is not the one this blob was encrypted with");
    }
  }

  static byte[] gcmDecrypt(byte[] cek, byte[] nonce, byte[] ciphertext)
      throws LapsCryptoException {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
      return c.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw new LapsCryptoException(
          Reason.TAG_MISMATCH, "AES-GCM tag mismatch: the encrypted content is damaged");
    } catch (GeneralSecurityException e) {
      throw new LapsCryptoException(Reason.INVALID_KEY, "AES-GCM could not be initialised", e);
    }
  }

  /** UTF-16LE JSON with a trailing two-byte NUL, decoded with the {@code msLAPS-Password} codec. */
  static WindowsLapsPasswordJson.Value decodePayload(byte[] plaintext) throws LapsCryptoException {
    int n = plaintext.length;
    if (n < 2 || n % 2 != 0 || plaintext[n - 1] != 0 || plaintext[n - 2] != 0) {
      throw new LapsCryptoException(
          Reason.BAD_PAYLOAD, "decrypted payload is not NUL-terminated UTF-16LE text");
    }
    CharBuffer chars;
    try {
      chars =
          StandardCharsets.UTF_16LE
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(plaintext, 0, n - 2));
    } catch (CharacterCodingException e) {
      throw new LapsCryptoException(Reason.BAD_PAYLOAD, "decrypted payload is not valid UTF-16LE");
    }
    try {
      return WindowsLapsPasswordJson.parse(chars.toString());
    } catch (MalformedValueException e) {
      // The codec's messages never quote the document.
      throw new LapsCryptoException(Reason.BAD_PAYLOAD, "decrypted payload: " + e.getMessage());
    } finally {
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }

  /** How many node derivations ran: cache misses of an offline source, for tests. */
  long derivations() {
    return groupKeys instanceof RootKeyGroupKeySource offline ? offline.derivations() : 0;
  }

  /** Wipes and drops every cached derived key of an offline source. */
  public void clearCache() {
    if (groupKeys instanceof RootKeyGroupKeySource offline) {
      offline.clearCache();
    }
  }
}
