package io.lapsbridge.config;

import io.lapsbridge.testsupport.TextMutator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of the profile file: 100,000 mutated files must each load or fail with
 * a {@link SettingsException}.
 */
class ConnectionProfileFuzzTest {
  private static final long SEED = 0x9_F11E_0018_0009L;
  private static final int INPUTS = 100_000;

  @TempDir Path dir;

  @Test
  void everyInputLoadsOrFailsCleanly() {
    List<String> seeds = List.of(
        "corp.host=dc1.corp.example.com\ncorp.port=636\ncorp.security=ldaps\n"
            + "corp.bind-dn=CN=svc-laps,OU=Service,DC=corp,DC=example,DC=com\n"
            + "corp.bind-password-file=/etc/lapsbridge/bind.pw\ncorp.timeout=9\n"
            + "corp.base-dn=DC=corp,DC=example,DC=com\n",
        "# profiles\ncorp.host = dc2\\\n  .corp.example.com\ncorp.security : start-tls\n"
            + "corp.trust-store=/etc/ssl/\\u0063orp.p12\ncorp.trust-store-password-file=ts.pw\n"
            + "default.host=dc3\n! comment\n");
    Path file = dir.resolve("profiles.properties");
    TextMutator.run("ConnectionProfile", SEED, INPUTS, seeds, TextMutator::mutateBytes,
        bytes -> ConnectionProfile.load(TextMutator.overwrite(file, bytes), "corp", true),
        SettingsException.class, TextMutator::nothing);
  }
}
