package io.lapsbridge.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated KDS fixtures decrypt to what they declare, except the two broken on purpose. */
class KdsFixtureTest {
  @Test
  void everyGeneratedValueDecryptsOrFailsAsDeclared() throws Exception {
    String ldif = KdsFixture.render("dc=example,dc=com");
    LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(
        KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY), KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY)));
    List<byte[]> values = new ArrayList<>();
    for (String line : ldif.lines().toList()) {
      for (LapsAttribute a : List.of(LapsAttribute.ENCRYPTED_PASSWORD,
          LapsAttribute.ENCRYPTED_PASSWORD_HISTORY, LapsAttribute.ENCRYPTED_DSRM_PASSWORD,
          LapsAttribute.ENCRYPTED_DSRM_PASSWORD_HISTORY)) {
        if (line.startsWith(a.ldapName() + ":: ")) {
          values.add(Base64.getDecoder().decode(line.substring(a.ldapName().length() + 3)));
        }
      }
    }
    assertEquals(KdsFixture.VALUES.size(), values.size());
    for (int i = 0; i < values.size(); i++) {
      KdsFixture.Value declared = KdsFixture.VALUES.get(i);
      byte[] value = values.get(i);
      if (declared.damaged()) {
        LapsCryptoException e = org.junit.jupiter.api.Assertions.assertThrows(
            LapsCryptoException.class, () -> decryptor.decrypt(value));
        assertEquals(LapsCryptoException.Reason.TAG_MISMATCH, e.reason());
      } else if (declared.rootKey().equals(KdsFixture.MISSING_ROOT_KEY)) {
        LapsCryptoException e = org.junit.jupiter.api.Assertions.assertThrows(
            LapsCryptoException.class, () -> decryptor.decrypt(value));
        assertEquals(LapsCryptoException.Reason.UNKNOWN_ROOT_KEY, e.reason());
      } else {
        var decrypted = decryptor.decrypt(value);
        assertEquals(declared.password(), decrypted.password().reveal());
        assertEquals(declared.account(), decrypted.account());
        assertEquals(declared.sid(), decrypted.authorizedDecryptor());
        assertEquals(declared.updated(), decrypted.updated().toInstant().toString());
      }
    }
  }

  @Test
  void onlyTheDeclaredRootKeysAreWrittenAndTheirDataOnlyAsAttributes() {
    String ldif;
    try {
      ldif = KdsFixture.render("dc=example,dc=com");
    } catch (LapsCryptoException e) {
      throw new AssertionError(e);
    }
    assertTrue(ldif.contains("dn: cn=" + KdsFixture.DH_ROOT_KEY + ",cn=Master Root Keys,"));
    assertTrue(ldif.contains("dn: cn=" + KdsFixture.ECDH_ROOT_KEY + ",cn=Master Root Keys,"));
    assertFalse(ldif.contains(KdsFixture.MISSING_ROOT_KEY.toString()));
    assertFalse(ldif.contains("Enc-Current-Pw-01"), "plaintext must not appear in the LDIF");
  }
}
