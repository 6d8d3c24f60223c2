package io.lapsbridge.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lapsbridge.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No password or key material in anything this package prints: exception messages (and their
 * causes), toString of every value holding secrets, and stdout/stderr captured while it works.
 */
class SecretHygieneTest {
  @Test
  void nothingPrintedOrThrownContainsSecrets() throws Exception {
    KdsRootKey root = Fixtures.dsinternalsRootKey();
    String rootHex = HexFormat.of().formatHex(root.keyData());
    List<String> secrets = new ArrayList<>(List.of(Fixtures.PASSWORD, "a998aoEUUXxO32", rootHex));
    // Every 16-hex-digit window of the root key, so a partial dump is caught too.
    for (int i = 0; i + 16 <= rootHex.length(); i += 8) {
      secrets.add(rootHex.substring(i, i + 16));
    }

    StringBuilder text = new StringBuilder();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      LapsDecryptor decryptor = new LapsDecryptor(RootKeyProvider.of(root));
      DecryptedPassword p = decryptor.decrypt(Fixtures.dsinternalsValue());
      text.append(p).append('\n').append(root).append('\n');
      byte[] ours = Fixtures.encryptedValue(root, 4);
      text.append(decryptor.decrypt(ours)).append('\n');
      text.append(LapsEncryptedValue.parse(ours)).append('\n');

      // Seed-key envelope: its key fields must not print.
      byte[] l1 = new byte[64];
      new Random(1).nextBytes(l1);
      secrets.add(HexFormat.of().formatHex(l1).substring(0, 16));
      text.append(new GroupKeyEnvelope(2, 1, 2, 3, root.id(), "SP800_108_CTR_HMAC",
          KdfHash.SHA512.kdfParameters(), "DH", new byte[0], 512, 2048, "d", "f", l1, l1));

      Random random = new Random(77);
      KdsRootKey wrong = Fixtures.dsinternalsRootKey(new byte[64]);
      LapsDecryptor wrongDecryptor = new LapsDecryptor(RootKeyProvider.of(wrong));
      for (int i = 0; i < 3000; i++) {
        byte[] input = MutationFuzzTest.mutate(i % 2 == 0 ? ours : Fixtures.dsinternalsValue(), random);
        for (LapsDecryptor d : List.of(decryptor, wrongDecryptor)) {
          try {
            d.decrypt(input);
          } catch (LapsCryptoException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
              text.append(t).append('\n');
            }
          }
        }
      }
      p.password().close();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8), "the crypto package never prints");
    String all = text.toString().toLowerCase(Locale.ROOT);
    for (String s : secrets) {
      assertFalse(all.contains(s.toLowerCase(Locale.ROOT)), "a secret leaked into text");
    }
  }

  @Test
  void decryptedPasswordPrintsMasked() throws Exception {
    DecryptedPassword p =
        new DecryptedPassword(
            "Administrator", Fixtures.UPDATED, Secret.of("hunter2"), Fixtures.UPDATED, "S-1-1-0");
    assertFalse(p.toString().contains("hunter2"));
  }
}
