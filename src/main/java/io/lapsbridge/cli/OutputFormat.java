package io.lapsbridge.cli;

/** How a command prints its data on stdout. */
enum OutputFormat {
  TEXT,
  JSON
}
