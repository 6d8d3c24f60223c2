package io.lapsbridge.wire;

import io.lapsbridge.testsupport.TextMutator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of FILETIME text: 100,000 mutated inputs, each read both as decimal
 * and as hex, must parse or fail with a {@link MalformedValueException}.
 */
class FileTimeTextFuzzTest {
  private static final long SEED = 0xF11E_7143_0018_0001L;
  private static final int INPUTS = 100_000;

  @Test
  void everyInputParsesOrFailsCleanly() {
    List<String> seeds = List.of("0", "9223372036854775807", "116444736000000000",
        "133579596000000000", "1d8161b41c41cde", "7fffffffffffffff", "01D8161B41C41CDE",
        "00000000000000000000001");
    TextMutator.run("FileTimeText", SEED, INPUTS, seeds, TextMutator::mutate, text -> {
      MalformedValueException decimal = null;
      try {
        FileTimeText.parseDecimal(text);
      } catch (MalformedValueException e) {
        decimal = e;
      }
      FileTimeText.parseHex(text);
      if (decimal != null) {
        throw decimal;
      }
    }, MalformedValueException.class, TextMutator::nothing);
  }
}
