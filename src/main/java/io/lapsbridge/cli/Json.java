package io.lapsbridge.cli;

import io.lapsbridge.report.JsonOutput;

/**
 * Left for {@code agent run-once --format json} until the agent prints through {@code
 * io.lapsbridge.report}; delegates to the one JSON writer.
 */
final class Json {
  private Json() {}

  static String write(Object value) {
    return JsonOutput.write(value);
  }
}
