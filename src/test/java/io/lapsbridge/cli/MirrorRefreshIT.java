package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mirror goes out of date when the legacy client rotates; the next plan refreshes it, apply
 * re-validates and writes it conditionally, and a Windows LAPS client's own write, before the
 * plan or between plan and apply, is never overwritten. On the stand-in (value-guard path).
 */
class MirrorRefreshIT {
  private static final Instant FIRST = Instant.parse("2026-06-01T00:00:00Z");
  private static final Instant SECOND = Instant.parse("2026-06-25T00:00:00Z");

  private static String ticks(String instant) {
    return Long.toString(FileTime.of(Instant.parse(instant)).ticks());
  }

  private static String clientJson(String password, String written) {
    try (Secret p = Secret.of(password)) {
      return WindowsLapsPasswordJson.format(new WindowsLapsPasswordJson.Value("Administrator",
          FileTime.of(Instant.parse(written)), p));
    }
  }

  /** The legacy client's rotation: password and expiry in one modify. */
  private static void legacyRotates(LDAPConnection c, String dn, String password, String expiry)
      throws Exception {
    c.modify(dn, new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd", password),
        new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwdExpirationTime", ticks(expiry)));
  }

  private static CliRun migrate(List<String> admin, String... args) {
    return CliRun.of(MigrationFixtures.with(admin, args));
  }

  @Test
  void anOutOfDateMirrorIsRefreshedAndAClientWriteNeverOverwritten(@TempDir Path dir)
      throws Exception {
    String ou = SharedStandIn.organizationalUnit("MirRefresh");
    String m1 = SharedStandIn.computer(ou, "MIR-1", "ms-Mcs-AdmPwd", "m1-first",
        "ms-Mcs-AdmPwdExpirationTime", ticks("2026-06-20T00:00:00Z"));
    String m2 = SharedStandIn.computer(ou, "MIR-2", "ms-Mcs-AdmPwd", "m2-first",
        "ms-Mcs-AdmPwdExpirationTime", ticks("2026-06-21T00:00:00Z"));
    String m3 = SharedStandIn.computer(ou, "MIR-3", "ms-Mcs-AdmPwd", "m3-first",
        "ms-Mcs-AdmPwdExpirationTime", ticks("2026-06-22T00:00:00Z"));
    // A Windows LAPS client's write beside a legacy password (another account's client, say).
    String genuineJson = clientJson("w1-client", "2026-05-25T00:00:00Z");
    String w1 = SharedStandIn.computer(ou, "WIN-1", "ms-Mcs-AdmPwd", "w1-legacy",
        "ms-Mcs-AdmPwdExpirationTime", ticks("2026-06-15T00:00:00Z"),
        "msLAPS-Password", genuineJson,
        "msLAPS-PasswordExpirationTime", ticks("2026-07-24T00:00:00Z"));
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: mirror-all\n    scope: {subtree: \""
        + ou + "\"}\n    target: side-by-side\n    mirror: true\n", StandardCharsets.UTF_8);
    List<String> admin = SharedStandIn.connect("admin");

    Path first = dir.resolve("first.json");
    CliRun planned = migrate(admin, "migrate", "plan", "--rules", rules.toString(), "--as-of",
        FIRST.toString(), "--base-dn", ou, "--output", first.toString());
    assertEquals(0, planned.status(), planned.err());
    assertTrue(planned.out().contains("Actions: 3 (mirror-to-windows 3)"), planned.out());
    CliRun applied = migrate(admin, "migrate", "apply", "--plan", first.toString());
    assertEquals(0, applied.status(), applied.out() + applied.err());

    try (LDAPConnection c = SharedStandIn.admin()) {
      SearchResultEntry e = c.getEntry(m1, "msLAPS-Password", "msLAPS-PasswordExpirationTime");
      // The mark: the mirror's expiry is its t.
      assertEquals(FileTime.of(FIRST),
          WindowsLapsPasswordJson.parse(e.getAttributeValue("msLAPS-Password")).updated());
      assertEquals(Long.toString(FileTime.of(FIRST).ticks()),
          e.getAttributeValue("msLAPS-PasswordExpirationTime"));
      legacyRotates(c, m1, "m1-second", "2026-07-20T00:00:00Z");
      legacyRotates(c, m2, "m2-second", "2026-07-21T00:00:00Z");
      legacyRotates(c, m3, "m3-second", "2026-07-22T00:00:00Z");
    }

    CliRun inventory = CliRun.of(MigrationFixtures.with(admin, "inventory", "--format", "csv",
        "--as-of", SECOND.toString(), "--base-dn", ou));
    assertEquals(0, inventory.status(), inventory.err());
    assertEquals(3, inventory.out().lines().filter(l -> l.contains("out-of-date mirror"))
        .count(), inventory.out());
    assertFalse(inventory.out().contains("conflict"), inventory.out());

    Path second = dir.resolve("second.json");
    CliRun replanned = migrate(admin, "migrate", "plan", "--rules", rules.toString(), "--as-of",
        SECOND.toString(), "--base-dn", ou, "--output", second.toString());
    assertEquals(0, replanned.status(), replanned.err());
    assertTrue(replanned.out().contains("Actions: 3 (mirror-refresh 3)"), replanned.out());
    assertTrue(replanned.out().contains("mirror-refresh  " + m1), replanned.out());
    assertFalse(replanned.out().contains(w1), "a client's write is never planned over");
    String planJson = Files.readString(second, StandardCharsets.UTF_8);
    assertTrue(planJson.contains("\"seenUpdated\" : \"" + FileTime.of(FIRST).ticks() + "\""),
        planJson);
    assertFalse(planJson.contains("m1-second"), "no password in the plan");

    String takeover = clientJson("m2-client", "2026-06-24T12:00:00Z");
    try (LDAPConnection c = SharedStandIn.admin()) {
      // Between plan and apply: a Windows LAPS client takes MIR-2 over; MIR-3's legacy client
      // rotates again.
      c.modify(m2, new Modification(ModificationType.REPLACE, "msLAPS-Password", takeover),
          new Modification(ModificationType.REPLACE, "msLAPS-PasswordExpirationTime",
              ticks("2026-07-24T12:00:00Z")));
      legacyRotates(c, m3, "m3-third", "2026-08-22T00:00:00Z");
    }
    CliRun dry = migrate(admin, "migrate", "apply", "--plan", second.toString(), "--dry-run");
    assertEquals(1, dry.status(), dry.out() + dry.err());
    CliRun refreshed = migrate(admin, "migrate", "apply", "--plan", second.toString());
    assertEquals(1, refreshed.status(), refreshed.out() + refreshed.err());
    String out = refreshed.out();
    assertTrue(out.contains("mirror-refresh\t" + m1 + "\tapplied\t"), out);
    assertTrue(out.contains("mirror-refresh\t" + m2 + "\tstale\tmsLAPS-Password is no longer the"
        + " mirror the plan saw"), out);
    assertTrue(out.contains("mirror-refresh\t" + m3 + "\tstale\tms-Mcs-AdmPwdExpirationTime"
        + " changed since the plan"), out);

    try (LDAPConnection c = SharedStandIn.admin()) {
      SearchResultEntry e1 = c.getEntry(m1, "msLAPS-Password", "msLAPS-PasswordExpirationTime");
      WindowsLapsPasswordJson.Value v = WindowsLapsPasswordJson.parse(
          e1.getAttributeValue("msLAPS-Password"));
      try (Secret p = v.password(); Secret expected = Secret.of("m1-second")) {
        assertTrue(p.sameAs(expected), "the refresh copies the current legacy password");
      }
      assertEquals(FileTime.of(SECOND), v.updated());
      assertEquals(Long.toString(FileTime.of(SECOND).ticks()),
          e1.getAttributeValue("msLAPS-PasswordExpirationTime"));
      assertEquals(takeover, c.getEntry(m2, "msLAPS-Password").getAttributeValue(
          "msLAPS-Password"), "the client's write stands");
      assertEquals(genuineJson, c.getEntry(w1, "msLAPS-Password").getAttributeValue(
          "msLAPS-Password"));
    }

    // Refreshed: a new plan has nothing for MIR-1, and re-applying says already done.
    CliRun third = migrate(admin, "migrate", "plan", "--rules", rules.toString(), "--as-of",
        SECOND.toString(), "--base-dn", ou);
    assertFalse(third.out().contains(m1), third.out());
    CliRun again = migrate(admin, "migrate", "apply", "--plan", second.toString(), "--journal",
        dir.resolve("again.journal").toString());
    assertTrue(again.out().contains("mirror-refresh\t" + m1 + "\talready-done\tmsLAPS-Password"
        + " mirrors the legacy password"), again.out());
  }
}
