package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The 16 Windows-generated DPAPI-NG blobs (NCryptProtectSecret, one per root key type). */
class WindowsVectorsTest {
  static java.util.List<String> scenarios() {
    return Vectors.KDF_SCENARIOS;
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void decryptsToSingleZeroByte(String scenario) throws Exception {
    JsonNode v = Vectors.scenario(scenario);
    LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(Vectors.rootKey(v)));
    assertArrayEquals(new byte[] {0}, decryptor.decryptBlob(Vectors.data(v)));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void parsesToDocumentedFieldsAndReserializesByteIdentically(String scenario) throws Exception {
    JsonNode v = Vectors.scenario(scenario);
    byte[] data = Vectors.data(v);
    DpapiNgBlob blob = DpapiNgBlob.parse(data);
    GkdiKeyIdentifier id = blob.keyIdentifier();
    assertEquals(UUID.fromString(v.get("RootKeyId").asText()), id.rootKeyId());
    assertEquals(361, id.l0());
    assertEquals(17, id.l1());
    assertEquals(13, id.l2());
    assertEquals(scenario.endsWith("nonce") ? 2 : 3, id.flags());
    assertEquals("dpaping.test", id.domainName());
    assertEquals("dpaping.test", id.forestName());
    assertEquals(DpapiNgBlob.Layout.EMBEDDED, blob.layout());
    assertArrayEquals(data, blob.encode());
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void detachedLayoutOfTheSameBlobDecryptsToo(String scenario) throws Exception {
    JsonNode v = Vectors.scenario(scenario);
    DpapiNgBlob detached = DpapiNgBlob.parse(Vectors.data(v)).withLayout(DpapiNgBlob.Layout.DETACHED);
    byte[] bytes = detached.encode();
    assertEquals(DpapiNgBlob.Layout.DETACHED, DpapiNgBlob.parse(bytes).layout());
    LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(Vectors.rootKey(v)));
    assertArrayEquals(new byte[] {0}, decryptor.decryptBlob(bytes));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void wrongRootKeyDataIsReportedAsWrongRootKey(String scenario) throws Exception {
    JsonNode v = Vectors.scenario(scenario);
    byte[] other = Vectors.hex(v.get("RootKeyData").asText());
    other[0] ^= 1;
    LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(Vectors.rootKey(v, other)));
    LapsCryptoException e =
        assertThrows(LapsCryptoException.class, () -> decryptor.decryptBlob(Vectors.data(v)));
    assertEquals(Reason.WRONG_ROOT_KEY, e.reason());
    assertEquals(
        "content key does not unwrap: root key " + v.get("RootKeyId").asText()
            + " (L0=361, L1=17, L2=13) is not the one this blob was encrypted with",
        e.getMessage());
  }
}
