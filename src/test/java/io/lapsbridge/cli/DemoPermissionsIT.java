package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The demo's delegation steps: grants on the Workstations OU followed by an audit show exactly
 * the granted group, the fixture's inherited and default holders, and the hidden All Extended
 * Rights holder; the repeated grant adds nothing.
 */
class DemoPermissionsIT {
  @Test
  void grantsThenAuditShowExactlyTheExpectedReaders() {
    CliRun demo = CliRun.of("demo", "--port", "0", "--ldaps-port", "0", "--computers", "12");
    assertEquals(0, demo.status(), demo.err());
    String workstations = "ou=Workstations,ou=Computers,dc=example,dc=com";
    Set<String> readers = new TreeSet<>();
    Set<String> escalations = new TreeSet<>();
    demo.out().lines().filter(line -> line.startsWith(workstations + "\tou\t")).forEach(line -> {
      String[] fields = line.split("\t", -1);
      (fields[3].equals("read") ? readers : escalations).add(fields[2] + " " + fields[4]);
    });
    assertEquals(Set.of(
        "legacy EXAMPLE\\LAPS Readers", "windows EXAMPLE\\LAPS Readers",
        "legacy EXAMPLE\\svc-backup", "windows EXAMPLE\\svc-backup",
        "legacy EXAMPLE\\Domain Admins", "windows EXAMPLE\\Domain Admins",
        "legacy EXAMPLE\\Domain LAPS Auditors"), readers, demo.out());
    assertEquals(Set.of("legacy EXAMPLE\\Domain Admins", "windows EXAMPLE\\Domain Admins"), escalations);
    assertTrue(demo.err().contains("nothing to add: every ACE is already present on " + workstations), demo.err());
  }
}
