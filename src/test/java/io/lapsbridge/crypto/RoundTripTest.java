package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our encryptor against our decryptor, for every KDF hash and secret agreement. */
class RoundTripTest {
  static List<String> publicKeyScenarios() {
    return Vectors.KDF_SCENARIOS.stream()
        .filter(s -> !s.endsWith("nonce"))
        .collect(Collectors.toList());
  }

  @ParameterizedTest
  @MethodSource("publicKeyScenarios")
  void encryptedValueDecryptsWithTheMatchingRootKey(String scenario) throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario(scenario));
    byte[] value = Fixtures.encryptedValue(root, 42);
    DecryptedPassword p = new LapsDecryptor(RootKeyProvider.of(root)).decrypt(value);
    assertEquals(Fixtures.PASSWORD, p.password().reveal());
    assertEquals("Administrator", p.account());
    assertEquals(Fixtures.UPDATED, p.updated());
    assertEquals(Fixtures.UPDATED, p.headerTime());
    assertEquals(Fixtures.DOMAIN_ADMINS, p.authorizedDecryptor());
  }

  @ParameterizedTest
  @MethodSource("publicKeyScenarios")
  void encryptedValueFailsPreciselyUnderAWrongRootKey(String scenario) throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario(scenario));
    byte[] data = root.keyData();
    data[5] ^= 0x40;
    KdsRootKey wrong = Vectors.rootKey(Vectors.scenario(scenario), data);
    byte[] value = Fixtures.encryptedValue(root, 7);
    LapsCryptoException e =
        assertThrows(
            LapsCryptoException.class,
            () -> new LapsDecryptor(RootKeyProvider.of(wrong)).decrypt(value));
    assertEquals(Reason.WRONG_ROOT_KEY, e.reason());
    GkdiInterval i = Fixtures.INTERVAL;
    assertEquals(
        "content key does not unwrap: root key " + root.id() + " (L0=" + i.l0() + ", L1=" + i.l1()
            + ", L2=" + i.l2() + ") is not the one this blob was encrypted with",
        e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("publicKeyScenarios")
  void bothLayoutsRoundTrip(String scenario) throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario(scenario));
    LapsEncryptor encryptor = new LapsEncryptor(Fixtures.seeded(3));
    LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(root));
    byte[] secret = "not JSON, any bytes".getBytes(StandardCharsets.UTF_8);
    for (DpapiNgBlob.Layout layout : DpapiNgBlob.Layout.values()) {
      byte[] blob = encryptor.encryptBlob(Fixtures.publicKey(root), secret, layout).encode();
      assertEquals(layout, DpapiNgBlob.parse(blob).layout());
      assertArrayEquals(secret, decryptor.decryptBlob(blob));
    }
  }

  @ParameterizedTest
  @MethodSource("publicKeyScenarios")
  void publishedPublicKeyFileRoundTrips(String scenario) throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario(scenario));
    GroupPublicKey key = Fixtures.publicKey(root);
    byte[] file = key.toEnvelope().encode();
    GroupPublicKey read =
        GroupPublicKey.fromEnvelope(GroupKeyEnvelope.parse(file), key.descriptor());
    assertEquals(key, read);
    byte[] value = new LapsEncryptor(Fixtures.seeded(9)).encrypt(read, Fixtures.payload());
    assertEquals(
        Fixtures.PASSWORD,
        new LapsDecryptor(RootKeyProvider.of(root)).decrypt(value).password().reveal());
  }

  /** The layout Windows writes: (high, low, size, 0) header, detached ciphertext, trailing NUL. */
  @Test
  void outputFollowsWindowsLayout() throws Exception {
    KdsRootKey root = Fixtures.dsinternalsRootKey();
    byte[] value = Fixtures.encryptedValue(root, 1);
    ByteBuffer header = ByteBuffer.wrap(value, 0, 16).order(ByteOrder.LITTLE_ENDIAN);
    long t = Fixtures.UPDATED.ticks();
    assertEquals((int) (t >>> 32), header.getInt());
    assertEquals((int) t, header.getInt());
    assertEquals(value.length - 16, header.getInt());
    assertEquals(0, header.getInt());

    LapsEncryptedValue parsed = LapsEncryptedValue.parse(value);
    DpapiNgBlob blob = parsed.blob();
    assertEquals(DpapiNgBlob.Layout.DETACHED, blob.layout());
    assertEquals(3, blob.keyIdentifier().flags());
    assertEquals("contoso.com", blob.keyIdentifier().forestName());
    assertEquals(776, blob.keyIdentifier().keyInfo().length, "DHPB blob of a 2048-bit group");

    byte[] plaintext = new LapsDecryptor(RootKeyProvider.of(root)).decrypt(blob);
    assertEquals(0, plaintext[plaintext.length - 1]);
    assertEquals(0, plaintext[plaintext.length - 2]);
    String json =
        new String(plaintext, 0, plaintext.length - 2, StandardCharsets.UTF_16LE);
    assertEquals(
        "{\"n\":\"Administrator\",\"t\":\"1da934a349b798e\",\"p\":\"" + Fixtures.PASSWORD + "\"}",
        json);
  }

  @Test
  void bulkDecryptDerivesEachNodeOnce() throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario("kdf_sha512_ecdh_p256"));
    LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(root));
    for (int i = 0; i < 25; i++) {
      decryptor.decrypt(Fixtures.encryptedValue(root, i));
    }
    assertEquals(1, decryptor.derivations());

    GroupPublicKey otherSid =
        GroupPublicKey.derive(
            root, new SidProtectionDescriptor("S-1-5-21-1-2-3-1105"), Fixtures.INTERVAL, "c", "c");
    byte[] value = new LapsEncryptor(Fixtures.seeded(5)).encrypt(otherSid, Fixtures.payload());
    decryptor.decrypt(value);
    decryptor.decrypt(value);
    assertEquals(2, decryptor.derivations());

    decryptor.clearCache();
    decryptor.decrypt(value);
    assertEquals(3, decryptor.derivations());
  }

  @Test
  void cacheNeverServesAnotherKeyUnderTheSameId() throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario("kdf_sha256_dh"));
    byte[] data = root.keyData();
    data[0] ^= 1;
    KdsRootKey impostor = Vectors.rootKey(Vectors.scenario("kdf_sha256_dh"), data);
    byte[] value = Fixtures.encryptedValue(root, 11);
    java.util.concurrent.atomic.AtomicReference<KdsRootKey> current =
        new java.util.concurrent.atomic.AtomicReference<>(root);
    LapsDecryptor decryptor = new LapsDecryptor(id -> java.util.Optional.of(current.get()));
    decryptor.decrypt(value);
    current.set(impostor);
    LapsCryptoException e =
        assertThrows(LapsCryptoException.class, () -> decryptor.decrypt(value));
    assertEquals(Reason.WRONG_ROOT_KEY, e.reason());
  }

  @Test
  void differentEncryptionsOfOnePasswordDiffer() throws Exception {
    KdsRootKey root = Vectors.rootKey(Vectors.scenario("kdf_sha512_dh"));
    assertFalse(
        java.util.Arrays.equals(Fixtures.encryptedValue(root, 1), Fixtures.encryptedValue(root, 2)));
  }
}
