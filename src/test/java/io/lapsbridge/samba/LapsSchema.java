package io.lapsbridge.samba;

/**
 * The LAPS schema of the shared forest, added once per run by lapsbridge's own
 * {@code schema extend} as Administrator (a Schema Admin; Samba is its own schema master).
 */
final class LapsSchema {
  private static Cli extended;

  private LapsSchema() {}

  /** Extends the schema on first call; later calls return that first run's result. */
  static synchronized Cli extend(SambaDc dc) {
    if (extended == null) {
      extended = Cli.run(dc.administrator().connect(dc), "schema", "extend");
    }
    return extended;
  }
}
