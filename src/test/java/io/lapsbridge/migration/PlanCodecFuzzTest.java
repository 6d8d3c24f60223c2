package io.lapsbridge.migration;

import io.lapsbridge.testsupport.TextMutator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the strict plan reader: 100,000 mutated plans (text and byte edits
 * of the golden plan) must each be read or fail with a {@link MigrationInputException}.
 */
class PlanCodecFuzzTest {
  private static final long SEED = 0x9_1A17_0018_0003L;
  private static final int INPUTS = 100_000;

  @Test
  void everyInputParsesOrFailsCleanly() throws Exception {
    String golden = Files.readString(
        Path.of("src/test/resources/golden/migration/estate.expected-plan.json"),
        StandardCharsets.UTF_8);
    TextMutator.run("PlanCodec", SEED, INPUTS, List.of(golden), TextMutator::mutateBytes,
        bytes -> PlanCodec.read("fuzz-plan.json", bytes),
        MigrationInputException.class, TextMutator::nothing);
  }
}
