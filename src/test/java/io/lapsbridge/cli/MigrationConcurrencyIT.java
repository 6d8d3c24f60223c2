package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated legacy client rotates every password while {@code migrate apply} forces
 * rotations on the same computers. Whatever the interleaving, each client write must survive:
 * the final password and expiry are the client's.
 */
class MigrationConcurrencyIT {
  private static final int COMPUTERS = 60;
  private static final long PLANNED_EXPIRY = 134263872000000000L; // 2026-06-20
  private static final long CLIENT_EXPIRY = 134300000000000000L; // 2026-07-31 and after

  @Test
  void aConcurrentClientRotationIsNeverOverwritten(@TempDir Path dir) throws Exception {
    String ou = SharedStandIn.organizationalUnit("MigConcurrency");
    List<String> dns = new ArrayList<>();
    for (int i = 0; i < COMPUTERS; i++) {
      dns.add(SharedStandIn.computer(ou, "CONC-" + i, "ms-Mcs-AdmPwd", "before-" + i,
          "ms-Mcs-AdmPwdExpirationTime", Long.toString(PLANNED_EXPIRY)));
    }
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: all\n    scope: {subtree: \"" + ou
        + "\"}\n    target: windows-cleartext\n", StandardCharsets.UTF_8);
    Path plan = dir.resolve("plan.json");
    List<String> admin = SharedStandIn.connect("admin");
    CliRun planned = CliRun.of(MigrationFixtures.with(admin, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", MigrationFixtures.AS_OF, "--base-dn", ou, "--output",
        plan.toString()));
    assertEquals(0, planned.status(), planned.err());

    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < COMPUTERS; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    CompletableFuture<CliRun> apply = CompletableFuture.supplyAsync(() ->
        CliRun.of(MigrationFixtures.with(admin, "migrate", "apply", "--plan", plan.toString(),
            "--rate", "40", "--connections", "4")));
    try (LDAPConnection client = SharedStandIn.admin()) {
      for (int i : order) {
        // One modify with password and expiry, as the legacy client writes them.
        client.modify(dns.get(i),
            new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwd", "client-" + i),
            new Modification(ModificationType.REPLACE, "ms-Mcs-AdmPwdExpirationTime",
                Long.toString(CLIENT_EXPIRY + i)));
        Thread.sleep(20);
      }
    }
    CliRun result = apply.get();
    long outcomes = result.out().lines().count();
    assertEquals(COMPUTERS, outcomes, result.out() + result.err());
    try (LDAPConnection admin2 = SharedStandIn.admin()) {
      for (int i = 0; i < COMPUTERS; i++) {
        SearchResultEntry e = admin2.getEntry(dns.get(i), "ms-Mcs-AdmPwd",
            "ms-Mcs-AdmPwdExpirationTime");
        assertEquals("client-" + i, e.getAttributeValue("ms-Mcs-AdmPwd"), dns.get(i));
        assertEquals(Long.toString(CLIENT_EXPIRY + i),
            e.getAttributeValue("ms-Mcs-AdmPwdExpirationTime"),
            dns.get(i) + ": apply overwrote the client's rotation\n" + result.out());
      }
    }
  }
}
