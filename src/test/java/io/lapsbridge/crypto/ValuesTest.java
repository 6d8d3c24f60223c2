package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Validating constructors and factories of the value types. */
class ValuesTest {
  private static final UUID ID = UUID.fromString("6d79ed3d-8a58-3f58-c963-ca860b23dfff");

  @Test
  void rootKeyFromAttributesValidates() throws Exception {
    byte[] data = new byte[64];
    LapsCryptoException kdf =
        assertThrows(LapsCryptoException.class, () -> KdsRootKey.fromAttributes(ID, 1, data,
            "HKDF", null, "ECDH_P256", null, 256, 256, null, null));
    assertEquals(Reason.UNSUPPORTED_ALGORITHM, kdf.reason());
    assertEquals("root key " + ID + " uses KDF 'HKDF'", kdf.getMessage());

    LapsCryptoException length =
        assertThrows(LapsCryptoException.class, () -> KdsRootKey.fromAttributes(ID, 1, data,
            "SP800_108_CTR_HMAC", null, "ECDH_P256", null, 384, 256, null, null));
    assertEquals(Reason.INVALID_KEY, length.reason());
    assertEquals("root key " + ID + ": private key length 384 is invalid", length.getMessage());

    LapsCryptoException dh =
        assertThrows(LapsCryptoException.class, () -> KdsRootKey.fromAttributes(ID, 1, data,
            "SP800_108_CTR_HMAC", null, "DH", null, 512, 2048, null, null));
    assertEquals(Reason.TRUNCATED_BLOB, dh.reason());
  }

  /** Decision: a root key without msKds-KDFParam uses SHA-256, as Samba's GKDI server does. */
  @Test
  void missingKdfParametersMeanSha256() throws Exception {
    KdsRootKey k = KdsRootKey.fromAttributes(ID, 1, new byte[64], "SP800_108_CTR_HMAC", null,
        "ECDH_P384", null, 384, 384, null, null);
    assertEquals(KdfHash.SHA256, k.kdfHash());
  }

  @Test
  void rootKeyPrintsMetadataOnly() throws Exception {
    byte[] data = new byte[64];
    java.util.Arrays.fill(data, (byte) 0xAB);
    KdsRootKey k = KdsRootKey.fromAttributes(ID, 1, data, "SP800_108_CTR_HMAC",
        KdfHash.SHA384.kdfParameters(), "ECDH_P256", null, 256, 256, null, null);
    assertEquals(
        "KdsRootKey[id=" + ID + ", SHA384, ECDH_P256, private=256 bits, public=256 bits]",
        k.toString());
    assertFalse(k.toString().toLowerCase(java.util.Locale.ROOT).contains("abab"));
    data[0] = 0;
    assertEquals((byte) 0xAB, k.keyData()[0], "the record keeps its own copy");
  }

  @Test
  void sidDescriptorValidatesAndRoundTrips() throws Exception {
    SidProtectionDescriptor d = new SidProtectionDescriptor("S-1-5-21-1-2-3-512");
    assertEquals(d, SidProtectionDescriptor.parse(d.encode()));
    assertEquals("SID=S-1-5-21-1-2-3-512", d.toString());
    assertThrows(IllegalArgumentException.class, () -> new SidProtectionDescriptor("S-1-5-x"));
    assertThrows(IllegalArgumentException.class, () -> new SidProtectionDescriptor("S-1-5-4294967296"));
    assertThrows(IllegalArgumentException.class, () -> new SidProtectionDescriptor("SID=S-1-1-0"));
  }

  @Test
  void keyIdentifierRejectsBadNonceLengthAndIndexes() throws Exception {
    GkdiKeyIdentifier ok = new GkdiKeyIdentifier(2, 361, 17, 13, ID, new byte[32], "a", "b");
    assertEquals(ok, GkdiKeyIdentifier.parse(ok.encode()));
    byte[] shortNonce = new GkdiKeyIdentifier(2, 361, 17, 13, ID, new byte[31], "a", "b").encode();
    LapsCryptoException e =
        assertThrows(LapsCryptoException.class, () -> GkdiKeyIdentifier.parse(shortNonce));
    assertEquals("GKDI nonce is 31 bytes, not 32", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new GkdiKeyIdentifier(2, 361, 32, 13, ID, new byte[32], "a", "b"));
  }

  @Test
  void dhPublicValueOutOfRangeIsRejected() throws Exception {
    DhParameters p = DhParameters.parse(Vectors.bytes("ffc_dh_parameters"));
    assertThrows(IllegalArgumentException.class,
        () -> new FfcDhPublicKey(p, java.math.BigInteger.ONE));
    assertThrows(IllegalArgumentException.class,
        () -> new FfcDhPublicKey(p, p.p().subtract(java.math.BigInteger.ONE)));
  }

  @Test
  void ecPointOffTheCurveIsRejected() {
    byte[] key = Vectors.bytes("ecdh_key");
    key[key.length - 1] ^= 1;
    LapsCryptoException e = assertThrows(LapsCryptoException.class, () -> EcdhPublicKey.parse(key));
    assertEquals(Reason.MALFORMED_BLOB, e.reason());
    assertEquals("ECDH public key: ECDH public point is not on secp256r1", e.getMessage());
  }

  @Test
  void seedKeyEnvelopeIsNotAPublicKey() throws Exception {
    GroupKeyEnvelope e = GroupKeyEnvelope.parse(Vectors.bytes("group_key_envelope"));
    LapsCryptoException x = assertThrows(LapsCryptoException.class,
        () -> GroupPublicKey.fromEnvelope(e, new SidProtectionDescriptor("S-1-1-0")));
    assertEquals(Reason.INVALID_KEY, x.reason());
    assertEquals("group key envelope carries seed keys, not a group public key", x.getMessage());
  }
}
