package io.lapsbridge.cli;

/** How a command prints its data on stdout. */
enum OutputFormat {
  TEXT,
  JSON,
  /** RFC 4180: a header row of the JSON keys, then one row per record. */
  CSV
}
