package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each failure has its precise reason and exact message. */
class FailureReasonTest {
  private static LapsCryptoException fails(Reason reason, String message, Executable action) {
    LapsCryptoException e = assertThrows(LapsCryptoException.class, action);
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(message, e.getMessage());
    return e;
  }

  private static LapsDecryptor decryptor() throws LapsCryptoException {
    return new LapsDecryptor(RootKeyProvider.of(Fixtures.dsinternalsRootKey()));
  }

  @Test
  void valueShorterThanItsHeader() throws Exception {
    LapsDecryptor d = decryptor();
    fails(
        Reason.TRUNCATED_BLOB,
        "encrypted LAPS value is 10 bytes, shorter than its 16-byte header",
        () -> d.decrypt(new byte[10]));
  }

  @Test
  void valueCutShortOfItsAnnouncedSize() throws Exception {
    byte[] value = Fixtures.dsinternalsValue();
    byte[] cut = Arrays.copyOf(value, value.length - 100);
    LapsDecryptor d = decryptor();
    fails(
        Reason.TRUNCATED_BLOB,
        "LAPS header announces " + (value.length - 16) + " bytes but " + (cut.length - 16)
            + " follow",
        () -> d.decrypt(cut));
  }

  @Test
  void blobCutInsideItsCmsStructure() throws Exception {
    byte[] blob = Vectors.data(Vectors.scenario("kdf_sha256_dh"));
    byte[] cut = Arrays.copyOf(blob, 200);
    LapsDecryptor d = decryptor();
    fails(
        Reason.TRUNCATED_BLOB,
        "DPAPI-NG structure needs " + blob.length + " bytes but the blob has 200",
        () -> d.decryptBlob(cut));
  }

  @Test
  void detachedBlobWithoutItsCiphertext() throws Exception {
    byte[] blob = Vectors.bytes("dpapi_ng_blob");
    byte[] structureOnly = Arrays.copyOf(blob, blob.length - 146);
    fails(
        Reason.TRUNCATED_BLOB,
        "ciphertext is 0 bytes, shorter than the 16-byte GCM tag",
        () -> DpapiNgBlob.parse(structureOnly));
  }

  @Test
  void headerWithReservedFlagsSet() throws Exception {
    byte[] value = Fixtures.dsinternalsValue();
    value[12] = 1;
    LapsDecryptor d = decryptor();
    fails(Reason.BAD_HEADER, "LAPS header flags are 1, not 0", () -> d.decrypt(value));
  }

  @Test
  void headerAnnouncingLessThanFollows() throws Exception {
    byte[] value = Fixtures.dsinternalsValue();
    int size = value.length - 16;
    value[8] = (byte) (size - 1);
    value[9] = (byte) ((size - 1) >>> 8);
    LapsDecryptor d = decryptor();
    fails(
        Reason.BAD_HEADER,
        "LAPS header announces " + (size - 1) + " bytes but " + size + " follow",
        () -> d.decrypt(value));
  }

  @Test
  void headerWithNegativeTimestamp() throws Exception {
    byte[] value = Fixtures.dsinternalsValue();
    value[3] = (byte) 0x80;
    LapsDecryptor d = decryptor();
    fails(Reason.BAD_HEADER, "LAPS header timestamp is negative", () -> d.decrypt(value));
  }

  @Test
  void flippedTagByte() throws Exception {
    byte[] value = Fixtures.dsinternalsValue();
    value[value.length - 1] ^= 0x01;
    LapsDecryptor d = decryptor();
    fails(
        Reason.TAG_MISMATCH,
        "AES-GCM tag mismatch: the encrypted content is damaged",
        () -> d.decrypt(value));
  }

  @Test
  void flippedCiphertextByteInAWindowsVector() throws Exception {
    var v = Vectors.scenario("kdf_sha384_ecdh_p384");
    byte[] blob = Vectors.data(v);
    blob[blob.length - 5] ^= 0x20;
    LapsDecryptor d = new LapsDecryptor(RootKeyProvider.of(Vectors.rootKey(v)));
    fails(
        Reason.TAG_MISMATCH,
        "AES-GCM tag mismatch: the encrypted content is damaged",
        () -> d.decryptBlob(blob));
  }

  @Test
  void descriptorOfAnotherType() throws Exception {
    // SID descriptor type ...74.1.1 rewritten to ...74.1.5 (SDDL), same length.
    String hex = HexFormat.of().formatHex(Fixtures.dsinternalsValue());
    String sidType = "060a2b0601040182374a0101";
    String sddlType = "060a2b0601040182374a0105";
    byte[] value = HexFormat.of().parseHex(hex.replace(sidType, sddlType));
    LapsDecryptor d = decryptor();
    fails(
        Reason.UNSUPPORTED_DESCRIPTOR,
        "protection descriptor type 1.3.6.1.4.1.311.74.1.5 is not a SID descriptor",
        () -> d.decrypt(value));
  }

  @Test
  void descriptorItemOtherThanSid() throws Exception {
    // UTF8String "SID" rewritten to "KEY": same length, a descriptor kind LAPS does not use.
    String hex = HexFormat.of().formatHex(Fixtures.dsinternalsValue());
    byte[] value = HexFormat.of().parseHex(hex.replace("0c03534944", "0c034b4559"));
    LapsDecryptor d = decryptor();
    fails(
        Reason.UNSUPPORTED_DESCRIPTOR,
        "protection descriptor item 'KEY' is not SID",
        () -> d.decrypt(value));
  }

  @Test
  void rootKeyNotAvailable() throws Exception {
    LapsDecryptor d = new LapsDecryptor(RootKeyProvider.of());
    fails(
        Reason.UNKNOWN_ROOT_KEY,
        "no KDS root key 8b0100a4-2606-a328-6070-c5cad7cf5c0b is available",
        () -> d.decrypt(Fixtures.dsinternalsValue()));
  }

  @Test
  void rootKeyOfAnotherAgreement() throws Exception {
    var p256 = Vectors.scenario("kdf_sha512_ecdh_p256");
    KdsRootKey ec = Vectors.rootKey(p256);
    KdsRootKey renamed =
        new KdsRootKey(
            Fixtures.dsinternalsRootKey().id(), 1, ec.keyData(), ec.kdfHash(), ec.agreement(),
            null, ec.privateKeyLength(), ec.publicKeyLength(), null, null);
    LapsDecryptor d = new LapsDecryptor(RootKeyProvider.of(renamed));
    fails(
        Reason.WRONG_ROOT_KEY,
        "blob uses DH but root key 8b0100a4-2606-a328-6070-c5cad7cf5c0b is ECDH_P256",
        () -> d.decrypt(Fixtures.dsinternalsValue()));
  }

  @Test
  void decryptedPayloadThatIsNotLapsJson() throws Exception {
    KdsRootKey root = Fixtures.dsinternalsRootKey();
    byte[] notJson = "hello\0".getBytes(StandardCharsets.UTF_16LE);
    DpapiNgBlob blob =
        new LapsEncryptor(Fixtures.seeded(1))
            .encryptBlob(Fixtures.publicKey(root), notJson, DpapiNgBlob.Layout.DETACHED);
    byte[] value = new LapsEncryptedValue(Fixtures.UPDATED, blob).encode();
    LapsDecryptor d = new LapsDecryptor(RootKeyProvider.of(root));
    fails(
        Reason.BAD_PAYLOAD,
        "decrypted payload: msLAPS-Password JSON is not valid JSON (at column 1)",
        () -> d.decrypt(value));

    DpapiNgBlob noNul =
        new LapsEncryptor(Fixtures.seeded(2))
            .encryptBlob(Fixtures.publicKey(root), new byte[] {'{', 0, '}'}, DpapiNgBlob.Layout.DETACHED);
    byte[] value2 = new LapsEncryptedValue(Fixtures.UPDATED, noNul).encode();
    fails(
        Reason.BAD_PAYLOAD,
        "decrypted payload is not NUL-terminated UTF-16LE text",
        () -> d.decrypt(value2));
  }

  @Test
  void notCmsAtAll() {
    fails(
        Reason.MALFORMED_BLOB,
        "DPAPI-NG blob does not start with a DER SEQUENCE",
        () -> DpapiNgBlob.parse(new byte[] {4, 2, 0, 0}));
    fails(
        Reason.MALFORMED_BLOB,
        "CMS structure is not valid DER EnvelopedData",
        () -> DpapiNgBlob.parse(new byte[] {0x30, 3, 2, 1, 5}));
  }

  @Test
  void unsupportedP521AndUnknownKdf() {
    fails(
        Reason.UNSUPPORTED_ALGORITHM,
        "unsupported secret agreement 'ECDH_P521'",
        () -> SecretAgreement.ofWindowsName("ECDH_P521"));
    fails(
        Reason.UNSUPPORTED_ALGORITHM,
        "unsupported KDF hash 'MD5'",
        () -> KdfHash.ofWindowsName("MD5"));
  }
}
