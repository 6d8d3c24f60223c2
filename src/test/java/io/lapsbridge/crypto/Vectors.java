package io.lapsbridge.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Loads the jborean93/dpapi-ng vectors copied under {@code vectors/dpapi-ng/} (MIT). */
final class Vectors {
  static final List<String> KDF_SCENARIOS =
      List.of(
          "kdf_sha1_nonce", "kdf_sha256_nonce", "kdf_sha384_nonce", "kdf_sha512_nonce",
          "kdf_sha1_dh", "kdf_sha256_dh", "kdf_sha384_dh", "kdf_sha512_dh",
          "kdf_sha1_ecdh_p256", "kdf_sha256_ecdh_p256", "kdf_sha384_ecdh_p256",
          "kdf_sha512_ecdh_p256", "kdf_sha1_ecdh_p384", "kdf_sha256_ecdh_p384",
          "kdf_sha384_ecdh_p384", "kdf_sha512_ecdh_p384");

  private Vectors() {}

  static byte[] bytes(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/dpapi-ng/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    try {
      return new ObjectMapper().readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  /** The scenario's root key, read through the same factory the directory layer will use. */
  static KdsRootKey rootKey(JsonNode v) throws LapsCryptoException {
    return rootKey(v, hex(v.get("RootKeyData").asText()));
  }

  static KdsRootKey rootKey(JsonNode v, byte[] data) throws LapsCryptoException {
    return KdsRootKey.fromAttributes(
        UUID.fromString(v.get("RootKeyId").asText()),
        v.get("Version").asInt(),
        data,
        v.get("KdfAlgorithm").asText(),
        hex(v.get("KdfParameters").asText()),
        v.get("SecretAgreementAlgorithm").asText(),
        hex(v.get("SecretAgreementParameters").asText()),
        v.get("PrivateKeyLength").asInt(),
        v.get("PublicKeyLength").asInt(),
        null,
        null);
  }

  static JsonNode scenario(String name) {
    return json(name + ".json");
  }

  static byte[] data(JsonNode v) {
    return hex(v.get("Data").asText());
  }
}
