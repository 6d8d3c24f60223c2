package io.lapsbridge.decryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupKeyRequest;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordDecryptionTest {
  private static final FileTime UPDATED = FileTime.of(Instant.parse("2026-11-01T10:00:00Z"));
  private static final String SID = KdsFixture.DOMAIN_ADMINS_SID;
  private static final KdsRootKey ROOT = KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY);

  private static byte[] encrypted(FileTime updated, String password) {
    GroupPublicKey key = GroupPublicKey.derive(ROOT, new SidProtectionDescriptor(SID),
        GkdiInterval.of(updated), "example.com", "example.com");
    try {
      return new LapsEncryptor(new SecureRandom()).encrypt(key,
          new WindowsLapsPasswordJson.Value("Administrator", updated, Secret.of(password)));
    } catch (LapsCryptoException e) {
      throw new AssertionError(e);
    }
  }

  private static ValueDecryption decrypt(KeySource keys, byte[] value) throws Exception {
    PasswordDecryption decryption = new PasswordDecryption(keys);
    assertTrue(decryption.available());
    return decryption.decrypt(value);
  }

  @Test
  void decryptsWithTheRootKeysOfAKeyFile() throws Exception {
    ValueDecryption result = decrypt(KeySource.of(List.of(ROOT)), encrypted(UPDATED, "Pw-1"));
    assertEquals(DecryptionStatus.SUCCESS, result.status());
    assertEquals("Pw-1", result.password().password().reveal());
    assertEquals(SID, result.authorizedDecryptorSid());
    assertEquals(UPDATED, result.headerTime());
    assertNull(result.note());
    assertFalse(result.toString().contains("Pw-1"), result.toString());
  }

  @Test
  void aMissingRootKeyIsRootKeyNotFoundWithTheHeaderFactsStillShown() throws Exception {
    ValueDecryption result = decrypt(KeySource.of(List.of()), encrypted(UPDATED, "Pw-2"));
    assertEquals(DecryptionStatus.ROOT_KEY_NOT_FOUND, result.status());
    assertEquals("RootKeyNotFound", result.status().displayName());
    assertEquals(SID, result.authorizedDecryptorSid());
    assertEquals(UPDATED, result.headerTime());
    assertEquals("no KDS root key " + KdsFixture.DH_ROOT_KEY + " is available", result.note());
  }

  @Test
  void aRefusingGroupKeySourceIsUnauthorizedPerValue() throws Exception {
    List<GroupKeyRequest> asked = new ArrayList<>();
    KeySource online = KeySource.of(request -> {
      asked.add(request);
      throw new LapsCryptoException(LapsCryptoException.Reason.UNAUTHORIZED,
          "the domain controller refused GetKey: access denied");
    });
    ValueDecryption result = decrypt(online, encrypted(UPDATED, "Pw-3"));
    assertEquals(DecryptionStatus.UNAUTHORIZED, result.status());
    assertEquals("the domain controller refused GetKey: access denied", result.note());
    assertEquals(1, asked.size());
    GkdiInterval interval = GkdiInterval.of(UPDATED);
    assertEquals(new GroupKeyRequest(KdsFixture.DH_ROOT_KEY, interval.l0(), interval.l1(),
        interval.l2(), new SidProtectionDescriptor(SID)), asked.get(0));
  }

  @Test
  void aDamagedValueIsMalformedAndNeedsNoKey() throws Exception {
    ValueDecryption result = decrypt(KeySource.of(List.of(ROOT)), new byte[] {1, 2, 3});
    assertEquals(DecryptionStatus.MALFORMED, result.status());
    assertNull(result.authorizedDecryptorSid());
    assertNull(result.headerTime());
    assertTrue(result.note() != null && !result.note().isEmpty());
  }

  @Test
  void historyIsNewestFirstByHeaderTime() {
    byte[] older = encrypted(FileTime.of(Instant.parse("2026-01-01T00:00:00Z")), "a");
    byte[] newer = encrypted(FileTime.of(Instant.parse("2026-02-01T00:00:00Z")), "b");
    byte[] broken = {0};
    assertEquals(List.of(newer, older, broken),
        PasswordDecryption.newestFirst(List.of(older, broken, newer)));
  }
}
