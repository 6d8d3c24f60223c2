package io.lapsbridge.migration;

import io.lapsbridge.testsupport.TextMutator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the rules reader (YAML or JSON): 100,000 mutated rule files must
 * each parse or fail with a {@link MigrationInputException}.
 */
class RulesFuzzTest {
  private static final long SEED = 0x7_0125_0018_0005L;
  private static final int INPUTS = 100_000;

  @Test
  void everyInputParsesOrFailsCleanly() throws Exception {
    String yaml = Files.readString(Path.of("src/test/resources/golden/migration/estate.rules.yaml"),
        StandardCharsets.UTF_8);
    String json = "{\"version\": 1, \"rules\": [{\"name\": \"all\", \"scope\": {\"name\": \"WS*\"},"
        + " \"target\": \"windows\", \"mirror\": false, \"graceDays\": 3}]}";
    TextMutator.run("Rules", SEED, INPUTS, List.of(yaml, json), TextMutator::mutateBytes,
        bytes -> Rules.parse("fuzz-rules.yaml", bytes),
        MigrationInputException.class, TextMutator::nothing);
  }
}
