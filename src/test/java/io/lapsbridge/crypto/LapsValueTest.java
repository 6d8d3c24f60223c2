package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.crypto.LapsCryptoException.Reason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A real Windows LAPS value (DSInternals): header, detached layout, JSON payload. */
class LapsValueTest {
  @Test
  void realWindowsValueDecryptsToTheKnownPassword() throws Exception {
    LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(Fixtures.dsinternalsRootKey()));
    DecryptedPassword p = decryptor.decrypt(Fixtures.dsinternalsValue());
    assertEquals(Fixtures.dsinternals().get("ExpectedPassword").asText(), p.password().reveal());
    assertEquals("Administrator", p.account());
    assertEquals("S-1-5-21-232386557-3557100646-3566837131-512", p.authorizedDecryptor());
    // Header is (high, low): 4a93da01 8e799b34 -> 0x01da934a349b798e, equal to the JSON "t".
    assertEquals(0x01DA934A349B798EL, p.headerTime().ticks());
    assertEquals(p.updated(), p.headerTime());
    assertEquals(Instant.parse("2024-04-20T17:43:08Z"), p.headerTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  @Test
  void realWindowsValueParsesAndReserializesByteIdentically() throws Exception {
    byte[] value = Fixtures.dsinternalsValue();
    LapsEncryptedValue parsed = LapsEncryptedValue.parse(value);
    assertEquals(DpapiNgBlob.Layout.DETACHED, parsed.blob().layout());
    assertEquals("contoso.com", parsed.blob().keyIdentifier().domainName());
    assertEquals(new GkdiInterval(362, 11, 18),
        new GkdiInterval(parsed.blob().keyIdentifier().l0(), parsed.blob().keyIdentifier().l1(),
            parsed.blob().keyIdentifier().l2()));
    assertArrayEquals(value, parsed.encode());
  }

  @Test
  void realWindowsValueUnderWrongRootKey() throws Exception {
    byte[] data = Vectors.hex(Fixtures.dsinternals().get("RootKeyData").asText());
    data[63] ^= (byte) 0x80;
    LapsDecryptor decryptor =
        new LapsDecryptor(RootKeyProvider.of(Fixtures.dsinternalsRootKey(data)));
    LapsCryptoException e =
        assertThrows(LapsCryptoException.class, () -> decryptor.decrypt(Fixtures.dsinternalsValue()));
    assertEquals(Reason.WRONG_ROOT_KEY, e.reason());
  }
}
