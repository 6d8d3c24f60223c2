package io.lapsbridge.keyfile;

import io.lapsbridge.crypto.GkdiInterval;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.SidProtectionDescriptor;
import io.lapsbridge.embedded.KdsFixture;
import io.lapsbridge.testsupport.TextMutator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of both key files: 100,000 mutated files each must be read or fail
 * with a {@link KeyFileException}; the root key export's messages never hold key bytes.
 */
class KeyFileFuzzTest {
  private static final long KDS_SEED = 0x4D5_F11E_0018_0007L;
  private static final long PUBLIC_SEED = 0x9B_F11E_0018_0008L;
  private static final int INPUTS = 100_000;
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @TempDir Path dir;

  @Test
  void rootKeyExportsParseOrFailCleanly() throws Exception {
    List<KdsRootKey> keys = List.of(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY),
        KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY));
    Path written = dir.resolve("keys.json");
    KdsKeyFile.write(written, keys, "CN=Master Root Keys,CN=Group Key Distribution Service", NOW);
    Path single = dir.resolve("one.json");
    KdsKeyFile.write(single, keys.subList(1, 2), "x", NOW);
    List<String> secrets = new ArrayList<>();
    for (KdsRootKey key : keys) {
      byte[] data = key.keyData();
      secrets.add(Base64.getEncoder().encodeToString(data));
      secrets.add(HexFormat.of().formatHex(data));
      secrets.add(HexFormat.of().withUpperCase().formatHex(data));
    }
    Path input = dir.resolve("fuzz.json");
    TextMutator.run("KdsKeyFile", KDS_SEED, INPUTS,
        List.of(Files.readString(written), Files.readString(single)), TextMutator::mutateBytes,
        bytes -> KdsKeyFile.read(TextMutator.overwrite(input, bytes)), KeyFileException.class,
        message -> secrets.stream().anyMatch(message::contains));
  }

  @Test
  void publicKeyFilesParseOrFailCleanly() throws Exception {
    List<String> seeds = new ArrayList<>();
    int n = 0;
    for (GroupPublicKey key : List.of(
        GroupPublicKey.derive(KdsFixture.rootKey(KdsFixture.DH_ROOT_KEY),
            new SidProtectionDescriptor("S-1-5-21-1-2-3-512"), GkdiInterval.of(
                io.lapsbridge.model.FileTime.of(NOW)), "example.com", "example.com"),
        GroupPublicKey.derive(KdsFixture.rootKey(KdsFixture.ECDH_ROOT_KEY),
            new SidProtectionDescriptor("S-1-5-21-1-2-3-512"), new GkdiInterval(400, 5, 7),
            "example.com", "example.com"))) {
      Path file = dir.resolve("pub" + n++ + ".json");
      PublicKeyFile.write(file, key, NOW);
      seeds.add(Files.readString(file));
    }
    Path input = dir.resolve("fuzz-pub.json");
    TextMutator.run("PublicKeyFile", PUBLIC_SEED, INPUTS, seeds, TextMutator::mutateBytes,
        bytes -> PublicKeyFile.read(TextMutator.overwrite(input, bytes)), KeyFileException.class,
        TextMutator::nothing);
  }
}
