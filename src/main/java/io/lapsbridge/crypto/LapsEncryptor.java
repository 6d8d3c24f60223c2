package io.lapsbridge.crypto;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import io.lapsbridge.model.ByteArrays;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts LAPS passwords the way a Windows LAPS client does: public-key mode against a {@link
 * GroupPublicKey} (no secret material needed), key identifier flags 3, detached ciphertext, and
 * the 16-byte header with the high half of the timestamp first. The plaintext is the {@code
 * {n,t,p}} JSON in UTF-16LE with the trailing NUL Windows expects.
 */
public final class LapsEncryptor {
  private static final int CEK_LENGTH = 32;

  private final SecureRandom random;

  /** @param random the source of content keys, nonces and ephemeral keys (injected for tests) */
  public LapsEncryptor(SecureRandom random) {
    if (random == null) {
      throw new IllegalArgumentException("random source must not be null");
    }
    this.random = random;
  }

  /**
   * An attribute value for {@code msLAPS-EncryptedPassword} (or its history or DSRM variants).
   * The header time is the payload's update time, as Windows writes it.
   */
  public byte[] encrypt(GroupPublicKey key, WindowsLapsPasswordJson.Value payload)
      throws LapsCryptoException {
    byte[] plaintext = payloadBytes(payload);
    try {
      DpapiNgBlob blob = encryptBlob(key, plaintext, DpapiNgBlob.Layout.DETACHED);
      return new LapsEncryptedValue(payload.updated(), blob).encode();
    } finally {
      ByteArrays.wipe(plaintext);
    }
  }

  /** A DPAPI-NG blob of arbitrary plaintext, in either layout. */
  public DpapiNgBlob encryptBlob(GroupPublicKey key, byte[] plaintext, DpapiNgBlob.Layout layout)
      throws LapsCryptoException {
    byte[] z = null;
    byte[] kek = null;
    byte[] cek = new byte[CEK_LENGTH];
    try {
      PublicKeyBlob ephemeral;
      if (key.publicKey() instanceof FfcDhPublicKey group) {
        DhParameters dh = group.parameters();
        BigInteger e = dhEphemeral(dh, key.privateKeyLength());
        ephemeral = new FfcDhPublicKey(dh, dh.g().modPow(e, dh.p()));
        z = GkdiKeyDerivation.dhSharedSecret(dh, e, group.y());
      } else {
        EcdhPublicKey group = (EcdhPublicKey) key.publicKey();
        KeyPair pair = ecEphemeral(group.agreement());
        ECPublicKey w = (ECPublicKey) pair.getPublic();
        ephemeral =
            new EcdhPublicKey(group.agreement(), w.getW().getAffineX(), w.getW().getAffineY());
        z = GkdiKeyDerivation.ecdhSharedSecret(group.agreement(), pair.getPrivate(), group);
      }
      kek = GkdiKeyDerivation.kekFromSharedSecret(key.kdfHash(), key.agreement(), z);
      GkdiInterval i = key.interval();
      GkdiKeyIdentifier identifier =
          new GkdiKeyIdentifier(
              GkdiKeyIdentifier.FLAG_PUBLIC_KEY | GkdiKeyIdentifier.FLAG_WINDOWS,
              i.l0(), i.l1(), i.l2(), key.rootKeyId(), ephemeral.encode(), key.domainName(),
              key.forestName());
      random.nextBytes(cek);
      byte[] nonce = new byte[DpapiNgBlob.GCM_NONCE_LENGTH];
      random.nextBytes(nonce);
      Cipher wrap = Cipher.getInstance("AESWrap");
      wrap.init(Cipher.WRAP_MODE, new SecretKeySpec(kek, "AES"));
      byte[] wrapped = wrap.wrap(new SecretKeySpec(cek, "AES"));
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
      byte[] ciphertext = gcm.doFinal(plaintext);
      return new DpapiNgBlob(identifier, key.descriptor(), wrapped, nonce, ciphertext, layout);
    } catch (GeneralSecurityException e) {
      throw new LapsCryptoException(Reason.INVALID_KEY, "encryption failed", e);
    } finally {
      ByteArrays.wipe(z, kek, cek);
    }
  }

  /** Like dpapi-ng: ⌈PrivateKeyLength/8⌉ random bytes, kept inside [2, p−2]. */
  private BigInteger dhEphemeral(DhParameters dh, int privateBits) {
    BigInteger two = BigInteger.TWO;
    BigInteger max = dh.p().subtract(two);
    while (true) {
      byte[] b = new byte[(privateBits + 7) / 8];
      random.nextBytes(b);
      BigInteger e = new BigInteger(1, b);
      ByteArrays.wipe(b);
      if (e.compareTo(two) >= 0 && e.compareTo(max) <= 0) {
        return e;
      }
    }
  }

  private KeyPair ecEphemeral(SecretAgreement agreement) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(EcMath.of(agreement).spec, random);
    return g.generateKeyPair();
  }

  /** UTF-16LE JSON plus the two-byte NUL. The caller wipes the result. */
  static byte[] payloadBytes(WindowsLapsPasswordJson.Value payload) {
    String json = WindowsLapsPasswordJson.format(payload);
    ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(json));
    byte[] out = new byte[encoded.remaining() + 2];
    encoded.get(out, 0, out.length - 2);
    if (encoded.hasArray()) {
      java.util.Arrays.fill(encoded.array(), encoded.arrayOffset(),
          encoded.arrayOffset() + encoded.capacity(), (byte) 0);
    }
    return out;
  }
}
