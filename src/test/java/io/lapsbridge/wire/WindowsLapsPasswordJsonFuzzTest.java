package io.lapsbridge.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.testsupport.TextMutator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the {@code msLAPS-Password} JSON: 100,000 mutated documents must
 * each parse (and survive a format/parse round trip) or fail with a
 * {@link MalformedValueException} whose message never holds the password.
 */
class WindowsLapsPasswordJsonFuzzTest {
  private static final long SEED = 0x1A95_7A55_0018_0002L;
  private static final int INPUTS = 100_000;
  private static final String PASSWORD = "Zq8-fuzz-P@ss{w0rd}";

  /** Whether a message shows password text (found by this test in a quoted bad 't'). */
  private static boolean leaks(String message) {
    return message.contains("fuzz-P@ss") || message.contains("P@ss{w0rd}");
  }

  @Test
  void everyInputParsesOrFailsCleanly() {
    List<String> seeds = List.of(
        "{\"n\":\"Administrator\",\"t\":\"1d8161b41c41cde\",\"p\":\"" + PASSWORD + "\"}",
        "{ \"p\" : \"" + PASSWORD + "\", \"extra\": {\"a\": [1, 2.5, null]},\n"
            + "  \"t\" : \"01D8161B41C41CDE\", \"n\" : \"helpdesk\\u00e9\" }",
        "{\"n\":\"admin\",\"t\":\"7fffffffffffffff\",\"p\":\"" + PASSWORD + "\\\"\\n\"}");
    TextMutator.run("WindowsLapsPasswordJson", SEED, INPUTS, seeds, TextMutator::mutate, json -> {
      WindowsLapsPasswordJson.Value value = WindowsLapsPasswordJson.parse(json);
      WindowsLapsPasswordJson.Value again =
          WindowsLapsPasswordJson.parse(WindowsLapsPasswordJson.format(value));
      assertEquals(value.account(), again.account());
      assertEquals(value.updated(), again.updated());
      assertEquals(value.password().reveal(), again.password().reveal());
    }, MalformedValueException.class, WindowsLapsPasswordJsonFuzzTest::leaks);
  }
}
