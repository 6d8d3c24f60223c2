package io.lapsbridge.cli;

/**
 * The agent's {@code --format}; every other command uses {@link
 * io.lapsbridge.report.OutputFormat}, which the agent joins when it prints through {@code report}.
 */
enum OutputFormat {
  TEXT,
  JSON,
  /** RFC 4180: a header row of the JSON keys, then one row per record. */
  CSV
}
