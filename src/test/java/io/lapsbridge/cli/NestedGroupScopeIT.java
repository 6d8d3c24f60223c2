package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import io.lapsbridge.model.FileTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code group:} scopes on the stand-in follow member groups to any depth, survive a cycle, and
 * treat a user or a missing entry among the members as a plain member.
 */
class NestedGroupScopeIT {
  private static final String EXPIRY =
      Long.toString(FileTime.of(Instant.parse("2026-06-20T00:00:00Z")).ticks());

  private static void group(LDAPConnection admin, String dn, String cn, String... members)
      throws Exception {
    admin.add(new Entry(dn, new Attribute("objectClass", "top", "groupOfNames", "group"),
        new Attribute("cn", cn), new Attribute("member", members)));
  }

  @Test
  void nestedAndCyclicGroupsCoverTheirComputers(@TempDir Path dir) throws Exception {
    String ou = SharedStandIn.organizationalUnit("MigNested");
    String pcA = SharedStandIn.computer(ou, "NEST-A", "ms-Mcs-AdmPwd", "a",
        "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    SharedStandIn.computer(ou, "NEST-B", "ms-Mcs-AdmPwd", "b",
        "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    String pcC = SharedStandIn.computer(ou, "NEST-C", "ms-Mcs-AdmPwd", "c",
        "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    String pcD = SharedStandIn.computer(ou, "NEST-D", "ms-Mcs-AdmPwd", "d",
        "ms-Mcs-AdmPwdExpirationTime", EXPIRY);
    String pilot = "cn=Pilot," + ou;
    String wave1 = "cn=Wave1," + ou;
    String wave2 = "cn=Wave2," + ou;
    try (LDAPConnection admin = SharedStandIn.admin()) {
      // Pilot → Wave1 → Wave2 → Pilot (a cycle); Wave1 also lists a user and a missing entry.
      group(admin, pilot, "Pilot", wave1, pcA);
      group(admin, wave1, "Wave1", wave2, SharedStandIn.READER_DN, "cn=Gone," + ou);
      group(admin, wave2, "Wave2", pcC, pilot);
      group(admin, "cn=Other," + ou, "Other", pcD);
    }
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: pilot\n    scope: {group: \""
        + pilot.toUpperCase(java.util.Locale.ROOT) + "\"}\n    target: windows-cleartext\n",
        StandardCharsets.UTF_8);
    List<String> admin = SharedStandIn.connect("admin");
    CliRun plan = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ou, "--format",
        "text"));
    assertEquals(0, plan.status(), plan.err());
    String planned = plan.out().lines().filter(l -> l.contains("force-rotation  cn="))
        .map(l -> l.substring(l.indexOf("cn="))).sorted().collect(Collectors.joining("\n"));
    assertEquals(pcA + "\n" + pcC, planned, plan.out());
    assertTrue(plan.out().contains("Computers: 4; no rule: 2"), plan.out());

    Files.writeString(rules, "version: 1\nrules:\n  - name: pilot\n    scope: {group: \"cn=Nope,"
        + ou + "\"}\n    target: windows-cleartext\n", StandardCharsets.UTF_8);
    CliRun missing = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ou));
    assertEquals(5, missing.status(), missing.err());
    assertEquals("lapsbridge: rule group 'cn=Nope," + ou + "' does not exist\n", missing.err());
  }
}
