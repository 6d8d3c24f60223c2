package io.lapsbridge.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.security.SecureRandom;
import java.util.UUID;

/** Shared test values: the DSInternals LAPS value and self-made encrypted values. */
final class Fixtures {
  static final String DOMAIN_ADMINS = "S-1-5-21-1004336348-1177238915-682003330-512";
  static final String PASSWORD = "N0t-a-real-p@ssw0rd!x7";
  static final FileTime UPDATED = new FileTime(0x01DA934A349B798EL);
  static final GkdiInterval INTERVAL = GkdiInterval.of(UPDATED);

  private Fixtures() {}

  static JsonNode dsinternals() {
    return Vectors.json("../dsinternals/laps_encrypted_password_1.json");
  }

  static byte[] dsinternalsValue() {
    return Vectors.hex(dsinternals().get("EncryptedPassword").asText());
  }

  /** The DSInternals root key: its data, Windows' default parameters, the blob's key id. */
  static KdsRootKey dsinternalsRootKey(byte[] data) throws LapsCryptoException {
    UUID id = LapsEncryptedValue.parse(dsinternalsValue()).blob().keyIdentifier().rootKeyId();
    return KdsRootKey.fromAttributes(
        id, 1, data, "SP800_108_CTR_HMAC", KdfHash.SHA512.kdfParameters(), "DH",
        Vectors.bytes("ffc_dh_parameters"), 512, 2048, null, null);
  }

  static KdsRootKey dsinternalsRootKey() throws LapsCryptoException {
    return dsinternalsRootKey(Vectors.hex(dsinternals().get("RootKeyData").asText()));
  }

  static WindowsLapsPasswordJson.Value payload() {
    return new WindowsLapsPasswordJson.Value("Administrator", UPDATED, Secret.of(PASSWORD));
  }

  static GroupPublicKey publicKey(KdsRootKey root) {
    return GroupPublicKey.derive(
        root, new SidProtectionDescriptor(DOMAIN_ADMINS), INTERVAL, "contoso.com", "contoso.com");
  }

  /** A value our encryptor makes for a vector's root key, with a seeded random source. */
  static byte[] encryptedValue(KdsRootKey root, long seed) throws LapsCryptoException {
    SecureRandom random = seeded(seed);
    return new LapsEncryptor(random).encrypt(publicKey(root), payload());
  }

  /** Deterministic SecureRandom for reproducible test blobs (never for production). */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A bare blob in the embedded layout made by our encryptor. */
  static byte[] encryptedValueBlob(KdsRootKey root) throws LapsCryptoException {
    byte[] payload = LapsEncryptor.payloadBytes(payload());
    return new LapsEncryptor(seeded(99))
        .encryptBlob(publicKey(root), payload, DpapiNgBlob.Layout.EMBEDDED)
        .encode();
  }
}
