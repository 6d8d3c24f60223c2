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

  /** What the check needs from a server: the stand-in here, slapd in SlapdMigrationIT. */
  interface Estate {
    String organizationalUnit(String name) throws Exception;

    /** A computer holding a legacy password and expiry; returns its DN. */
    String computer(String ou, String name, String password, String expiry) throws Exception;

    /** CLI connection options for the account that migrates. */
    List<String> connect() throws Exception;

    /** A connection for the simulated client and for checking results. */
    LDAPConnection admin() throws Exception;
  }

  private static final Estate STAND_IN = new Estate() {
    @Override
    public String organizationalUnit(String name) throws Exception {
      return SharedStandIn.organizationalUnit(name);
    }

    @Override
    public String computer(String ou, String name, String password, String expiry)
        throws Exception {
      return SharedStandIn.computer(ou, name, "ms-Mcs-AdmPwd", password,
          "ms-Mcs-AdmPwdExpirationTime", expiry);
    }

    @Override
    public List<String> connect() {
      return SharedStandIn.connect("admin");
    }

    @Override
    public LDAPConnection admin() throws Exception {
      return SharedStandIn.admin();
    }
  };

  @Test
  void aConcurrentClientRotationIsNeverOverwritten(@TempDir Path dir) throws Exception {
    check(dir, STAND_IN);
  }

  /** Runs the race on {@code estate}; returns the computers' DNs. */
  static List<String> check(Path dir, Estate estate) throws Exception {
    String ou = estate.organizationalUnit("MigConcurrency");
    List<String> dns = new ArrayList<>();
    for (int i = 0; i < COMPUTERS; i++) {
      dns.add(estate.computer(ou, "CONC-" + i, "before-" + i, Long.toString(PLANNED_EXPIRY)));
    }
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: all\n    scope: {subtree: \"" + ou
        + "\"}\n    target: windows-cleartext\n", StandardCharsets.UTF_8);
    Path plan = dir.resolve("plan.json");
    List<String> admin = estate.connect();
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
    try (LDAPConnection client = estate.admin()) {
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
    try (LDAPConnection admin2 = estate.admin()) {
      for (int i = 0; i < COMPUTERS; i++) {
        SearchResultEntry e = admin2.getEntry(dns.get(i), "ms-Mcs-AdmPwd",
            "ms-Mcs-AdmPwdExpirationTime");
        assertEquals("client-" + i, e.getAttributeValue("ms-Mcs-AdmPwd"), dns.get(i));
        assertEquals(Long.toString(CLIENT_EXPIRY + i),
            e.getAttributeValue("ms-Mcs-AdmPwdExpirationTime"),
            dns.get(i) + ": apply overwrote the client's rotation\n" + result.out());
      }
    }
    return dns;
  }
}
