package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The parse-only dpapi-ng vectors: fields as documented, byte-identical re-serialization. */
class StructureVectorsTest {
  private static final String SID_512 = "S-1-5-21-3337337973-3297078028-437386066-512";

  @Test
  void lapsStyleBlobParsesToDocumentedFields() throws Exception {
    byte[] data = Vectors.bytes("dpapi_ng_blob");
    DpapiNgBlob blob = DpapiNgBlob.parse(data);
    GkdiKeyIdentifier id = blob.keyIdentifier();
    assertEquals(3, id.flags());
    assertTrue(id.isPublicKeyMode());
    assertEquals(361, id.l0());
    assertEquals(16, id.l1());
    assertEquals(3, id.l2());
    assertEquals(UUID.fromString("d778c271-9025-9a82-f6dc-b8960b8ad8c5"), id.rootKeyId());
    assertArrayEquals(Vectors.bytes("ffc_dh_key"), id.keyInfo());
    assertEquals("domain.test", id.domainName());
    assertEquals("domain.test", id.forestName());
    assertEquals(SID_512, blob.descriptor().sid());
    assertEquals("SID=" + SID_512, blob.descriptor().descriptorString());
    assertEquals(DpapiNgBlob.Layout.DETACHED, blob.layout());
    assertEquals(146, blob.ciphertext().length);
    assertArrayEquals(
        Vectors.hex("897FC43F748EFD095727DDE98F4E1A6FFB9D4163D39FB374D049C73D89690C7EFA45E6BE119E0D6B"),
        blob.wrappedKey());
    assertArrayEquals(Vectors.hex("9E5B2E17C23F04FC3525E118"), blob.gcmNonce());
    assertArrayEquals(data, blob.encode());
  }

  @Test
  void sidDescriptorBecomesTheDocumentedSecurityDescriptor() {
    // The bytes dpapi-ng's test_blob.py expects for the dpapi_ng_blob descriptor.
    byte[] expected =
        Vectors.hex(
            "0100048054000000600000000000000014000000020040000200000000002400030000000105000000"
                + "0000051500000075BCEBC60C6B85C452FB111A00020000000014000200000001010000000000"
                + "0100000000010100000000000512000000010100000000000512000000");
    assertArrayEquals(expected, new SidProtectionDescriptor(SID_512).securityDescriptor());
  }

  @Test
  void groupKeyEnvelopeReserializesByteIdentically() throws Exception {
    byte[] data = Vectors.bytes("group_key_envelope");
    GroupKeyEnvelope e = GroupKeyEnvelope.parse(data);
    assertEquals(2, e.flags());
    assertEquals(361, e.l0());
    assertEquals(17, e.l1());
    assertEquals(8, e.l2());
    assertEquals(UUID.fromString("d778c271-9025-9a82-f6dc-b8960b8ad8c5"), e.rootKeyId());
    assertEquals("SP800_108_CTR_HMAC", e.kdfAlgorithm());
    assertEquals(KdfHash.SHA512, KdfHash.fromKdfParameters(e.kdfParameters()));
    assertEquals("DH", e.secretAgreementAlgorithm());
    assertArrayEquals(Vectors.bytes("ffc_dh_parameters"), e.secretAgreementParameters());
    assertEquals(512, e.privateKeyLength());
    assertEquals(2048, e.publicKeyLength());
    assertEquals("domain.test", e.domainName());
    assertEquals("domain.test", e.forestName());
    assertEquals(64, e.l1Key().length);
    assertEquals(64, e.l2Key().length);
    assertFalse(e.isPublicKeyOnly());
    assertArrayEquals(data, e.encode());
    assertFalse(e.toString().contains("9C8F"), "key bytes must not print");
  }

  @Test
  void keyStructuresReserializeByteIdentically() throws Exception {
    byte[] params = Vectors.bytes("ffc_dh_parameters");
    DhParameters dh = DhParameters.parse(params);
    assertEquals(256, dh.keyLength());
    assertEquals("87a8e61d", dh.p().toString(16).substring(0, 8));
    assertArrayEquals(params, dh.encode());

    byte[] dhKey = Vectors.bytes("ffc_dh_key");
    FfcDhPublicKey pub = FfcDhPublicKey.parse(dhKey);
    assertEquals(dh, pub.parameters());
    assertArrayEquals(dhKey, pub.encode());

    byte[] ecKey = Vectors.bytes("ecdh_key");
    EcdhPublicKey ec = EcdhPublicKey.parse(ecKey);
    assertEquals(SecretAgreement.ECDH_P256, ec.agreement());
    assertEquals(
        new BigInteger("37CF806AC5C68C3F41009F0E15D214B906CE947250D83C07A22B593A04B9F492", 16),
        ec.x());
    assertArrayEquals(ecKey, ec.encode());
    assertEquals(ec, PublicKeyBlob.parse(ecKey));
  }

  @Test
  void kdfParametersOfEveryHashRoundTrip() throws Exception {
    for (KdfHash h : KdfHash.values()) {
      assertEquals(h, KdfHash.fromKdfParameters(h.kdfParameters()));
    }
    assertArrayEquals(
        Vectors.hex("00000000010000000E000000000000005300480041003500310032000000"),
        KdfHash.SHA512.kdfParameters());
  }

  /**
   * seed_key.json is a cached public-key group key (no root key data), so it cannot check the
   * L1/L2 chain itself (the 16 decrypting vectors do). It checks the descriptor's security
   * descriptor bytes and that the cached public key encrypts.
   */
  @Test
  void seedKeyVectorSecurityDescriptorAndPublicKey() throws Exception {
    JsonNode v = Vectors.json("seed_key.json");
    SidProtectionDescriptor d =
        new SidProtectionDescriptor("S-1-5-21-2185496602-3367037166-1388177638-1103");
    assertArrayEquals(Vectors.hex(v.get("SecurityDescriptor").asText()), d.securityDescriptor());
    GroupKeyEnvelope envelope =
        new GroupKeyEnvelope(
            v.get("Flags").asInt(), v.get("L0").asInt(), v.get("L1").asInt(), v.get("L2").asInt(),
            UUID.fromString(v.get("RootKeyId").asText()), v.get("KdfAlgorithm").asText(),
            Vectors.hex(v.get("KdfParameters").asText()), v.get("SecretAlgorithm").asText(),
            Vectors.hex(v.get("SecretParameters").asText()), v.get("PrivateKeyLength").asInt(),
            v.get("PublicKeyLength").asInt(), v.get("DomainName").asText(),
            v.get("ForestName").asText(), Vectors.hex(v.get("L1Key").asText()),
            Vectors.hex(v.get("L2Key").asText()));
    GroupPublicKey key = GroupPublicKey.fromEnvelope(envelope, d);
    assertEquals(SecretAgreement.ECDH_P256, key.agreement());
    assertEquals(KdfHash.SHA512, key.kdfHash());
    assertEquals(new GkdiInterval(361, 19, 6), key.interval());
    DpapiNgBlob blob =
        new LapsEncryptor(new SecureRandom())
            .encryptBlob(key, new byte[] {1, 2, 3}, DpapiNgBlob.Layout.DETACHED);
    DpapiNgBlob reparsed = DpapiNgBlob.parse(blob.encode());
    assertEquals(d, reparsed.descriptor());
    assertEquals(3, reparsed.keyIdentifier().flags());
    assertEquals(SecretAgreement.ECDH_P256, reparsed.keyIdentifier().publicKey().agreement());
  }

  @Test
  void intervalArithmetic() {
    GkdiInterval i = new GkdiInterval(361, 17, 13);
    assertEquals(i, GkdiInterval.of(i.start()));
    assertEquals(
        new GkdiInterval(361, 17, 12),
        GkdiInterval.of(new io.lapsbridge.model.FileTime(i.start().ticks() - 1)));
  }
}
