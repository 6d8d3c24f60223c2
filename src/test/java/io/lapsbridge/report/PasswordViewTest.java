package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.crypto.DecryptedPassword;
import io.lapsbridge.decryption.DecryptionStatus;
import io.lapsbridge.decryption.ValueDecryption;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.LapsPassword;
import io.lapsbridge.model.PasswordSource;
import io.lapsbridge.model.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordViewTest {
  private static final ComputerRef WS1 = new ComputerRef("cn=WS1,ou=Finance,dc=example,dc=com", "WS1", "WS1$", null);
  private static final FileTime T = FileTime.of(Instant.parse("2026-11-01T10:00:00Z"));
  private static final String SID = "S-1-5-21-1-2-3-512";

  private static StoredPasswordView stored() {
    return StoredPasswordView.of(WS1, new LapsPassword("Administrator", Secret.of("Stored-Pw-1"),
        T.toInstant(), null, PasswordSource.LEGACY_CLEARTEXT));
  }

  private static EncryptedPasswordView decrypted() {
    DecryptedPassword password =
        new DecryptedPassword("Administrator", T, Secret.of("Encrypted-Pw-2"), T, SID);
    return EncryptedPasswordView.of(WS1, PasswordSource.WINDOWS_ENCRYPTED, null,
        new ValueDecryption(DecryptionStatus.SUCCESS, T, SID, password, null), "Domain Admins");
  }

  private static EncryptedPasswordView unauthorized() {
    return EncryptedPasswordView.of(WS1, PasswordSource.WINDOWS_ENCRYPTED_HISTORY, null,
        new ValueDecryption(DecryptionStatus.UNAUTHORIZED, T, SID, null, "no key"), null);
  }

  @Test
  void toStringNeverShowsThePassword() {
    for (Object view : List.of(stored(), decrypted(),
        DecryptedValueView.of(new DecryptedPassword("a", T, Secret.of("Decrypt-Pw-3"), T, SID)))) {
      assertFalse(view.toString().contains("-Pw-"), view.toString());
      assertTrue(view.toString().contains("****"), view.toString());
    }
  }

  @Test
  void jsonKeepsTheKeysOfEachKindOfView() {
    String json = JsonOutput.write(List.of(stored(), unauthorized()));
    assertEquals("""
        [ {
          "computer" : "WS1",
          "dn" : "cn=WS1,ou=Finance,dc=example,dc=com",
          "account" : "Administrator",
          "password" : "Stored-Pw-1",
          "passwordUpdateTime" : "2026-11-01T10:00:00Z",
          "expiration" : null,
          "source" : "%s",
          "decryptionStatus" : "NotApplicable",
          "authorizedDecryptor" : "NotApplicable"
        }, {
          "computer" : "WS1",
          "dn" : "cn=WS1,ou=Finance,dc=example,dc=com",
          "account" : null,
          "password" : null,
          "passwordUpdateTime" : "2026-11-01T10:00:00Z",
          "expiration" : null,
          "source" : "%s",
          "decryptionStatus" : "Unauthorized",
          "authorizedDecryptor" : "%s",
          "authorizedDecryptorSid" : "%s",
          "note" : "no key"
        } ]""".formatted(PasswordSource.LEGACY_CLEARTEXT.displayName(),
            PasswordSource.WINDOWS_ENCRYPTED_HISTORY.displayName(), SID, SID), json);
  }

  @Test
  void textLabelsOnlyThePropertiesAViewHas() {
    StringWriter text = new StringWriter();
    PasswordView.printText(new PrintWriter(text, true), List.of(decrypted()));
    assertEquals(String.join(System.lineSeparator(),
        "ComputerName        : WS1",
        "DistinguishedName   : cn=WS1,ou=Finance,dc=example,dc=com",
        "Account             : Administrator",
        "Password            : Encrypted-Pw-2",
        "PasswordUpdateTime  : 2026-11-01T10:00:00Z",
        "ExpirationTimestamp : ",
        "Source              : " + PasswordSource.WINDOWS_ENCRYPTED.displayName(),
        "DecryptionStatus    : Success",
        "AuthorizedDecryptor : Domain Admins", ""), text.toString());
  }
}
