package io.lapsbridge.samba;

import java.io.IOException;

/**
 * The LAPS schema of the shared forest, added once per run by lapsbridge's own
 * {@code schema extend} as Administrator (a Schema Admin; Samba is its own schema master).
 * First an ordinary user tries, while the schema is still missing, so that its refusal can be
 * checked (#13 item 6).
 */
final class LapsSchema {
  private static Cli deniedFirst;
  private static Cli extended;

  private LapsSchema() {}

  /** Extends the schema on first call; later calls return that first run's result. */
  static synchronized Cli extend(SambaDc dc) {
    if (extended == null) {
      try {
        Account user = Forest.user(dc, "schema-nobody", "CN=Users," + SambaDc.BASE);
        deniedFirst = Cli.run(user.connect(dc), "schema", "extend");
      } catch (IOException | com.unboundid.ldap.sdk.LDAPException e) {
        throw new IllegalStateException(e);
      }
      extended = Cli.run(dc.administrator().connect(dc), "schema", "extend");
    }
    return extended;
  }

  /** What {@code schema extend} said to an ordinary user before the schema existed. */
  static synchronized Cli deniedFirst(SambaDc dc) {
    extend(dc);
    return deniedFirst;
  }
}
