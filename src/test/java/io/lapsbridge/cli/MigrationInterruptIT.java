package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.lapsbridge.embedded.StandInConfig;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.migration.Journal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migrate apply that stops before its end says what finished, what is left, and the exact
 * command that continues it (#18 item 10): when the directory is killed mid-run (the workers
 * stop at the first connection-level failure instead of failing every remaining action), and
 * on Ctrl-C (SIGINT to a real child JVM; a shutdown hook stops the workers at the next action
 * and the journal is complete).
 */
class MigrationInterruptIT {
  private static final Pattern SUMMARY = Pattern.compile(
      "migrate: (\\d+) actions: applied (\\d+), already done (\\d+), stale (\\d+), failed (\\d+)"
          + "(, not run (\\d+))?");
  private static final Pattern HINT = Pattern.compile(
      "lapsbridge: (the run stopped|interrupted); (\\d+) action\\(s\\) left; continue with:"
          + " (lapsbridge migrate resume --journal .*)\n");

  @TempDir Path dir;

  /** {@code count} legacy-only computers under a new OU, and a rule mirroring and rotating them. */
  private static Path estate(LDAPConnection admin, String ouDn, int count, Path dir)
      throws Exception {
    admin.add(new Entry(ouDn, new Attribute("objectClass", "top", "organizationalUnit"),
        new Attribute("ou", ouDn.substring(3, ouDn.indexOf(',')))));
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, "INT-%03d", i);
      admin.add(new Entry("cn=" + name + "," + ouDn,
          new Attribute("objectClass", "top", "user", "computer"), new Attribute("cn", name),
          new Attribute("sAMAccountName", name + "$"), new Attribute("ms-Mcs-AdmPwd", "pw-" + i),
          new Attribute("ms-Mcs-AdmPwdExpirationTime", "134263872000000000")));
    }
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "version: 1\nrules:\n  - name: all\n    scope: {subtree: \"" + ouDn
        + "\"}\n    target: windows-cleartext\n    mirror: true\n", StandardCharsets.UTF_8);
    return rules;
  }

  private static int ended(Path journal) throws Exception {
    if (!Files.exists(journal)) {
      return 0;
    }
    String text = Files.readString(journal, StandardCharsets.UTF_8);
    return text.split("\"event\":\"end\"", -1).length - 1;
  }

  @Test
  void aDirectoryKilledMidRunEndsWithTheSummaryAndTheResumeCommand() throws Exception {
    StandInDirectory server = StandInDirectory.start(StandInConfig.loopback());
    try {
      Path password = dir.resolve("admin.pw");
      Files.writeString(password, StandInDirectory.ADMIN_PASSWORD, StandardCharsets.UTF_8);
      List<String> connection = List.of("--host", "127.0.0.1", "--port",
          Integer.toString(server.port()), "--start-tls", "--trust-store",
          server.certificateFile().toString(), "--bind-dn", StandInDirectory.ADMIN_DN,
          "--bind-password-file", password.toString(), "--timeout", "5");
      String ouDn = "ou=Interrupt," + server.baseDn();
      Path rules;
      try (LDAPConnection admin = new LDAPConnection("127.0.0.1", server.port())) {
        SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(server.certificateFile().toFile()));
        admin.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext()));
        admin.bind(StandInDirectory.ADMIN_DN, StandInDirectory.ADMIN_PASSWORD);
        rules = estate(admin, ouDn, 150, dir);
      }
      Path plan = dir.resolve("plan.json");
      CliRun planned = CliRun.of(SharedStandIn.args(connection, "migrate", "plan", "--rules",
          rules.toString(), "--as-of", "2026-06-01T00:00:00Z", "--base-dn", ouDn, "--output",
          plan.toString()));
      assertEquals(0, planned.status(), planned.err());
      Path journal = Path.of(plan + ".journal");
      Thread killer = new Thread(() -> {
        try {
          while (ended(journal) < 20) {
            Thread.sleep(5);
          }
          server.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      killer.start();
      CliRun applied = CliRun.of(SharedStandIn.args(connection, "migrate", "apply", "--plan",
          plan.toString(), "--rate", "40", "--connections", "2"));
      killer.join(60_000);

      assertEquals(3, applied.status(), applied.err());
      Matcher summary = SUMMARY.matcher(applied.err());
      assertTrue(summary.find(), applied.err());
      assertEquals(300, Integer.parseInt(summary.group(1)));
      int applies = Integer.parseInt(summary.group(2));
      int failed = Integer.parseInt(summary.group(5));
      assertTrue(applies >= 20, applied.err());
      // Stopped at the first connection-level failure, not one failure per remaining action.
      assertTrue(failed <= 2, applied.err());
      Matcher hint = HINT.matcher(applied.err());
      assertTrue(hint.find(), applied.err());
      assertEquals("the run stopped", hint.group(1));
      assertEquals(300 - applies - Integer.parseInt(summary.group(3))
          - Integer.parseInt(summary.group(4)), Integer.parseInt(hint.group(2)));
      List<String> expected = new ArrayList<>(List.of("lapsbridge", "migrate", "resume",
          "--journal", journal.toString(), "--rate", "40", "--connections", "2"));
      expected.addAll(connection);
      assertEquals(String.join(" ", expected), hint.group(3));
      assertTrue(applied.err().contains("unreachable"), applied.err());
      // Every line the run wrote is whole: resume can replay it.
      Journal.State state = Journal.replay(journal.toString(),
          Files.readString(journal, StandardCharsets.UTF_8));
      assertEquals(applies, state.ended().values().stream()
          .filter(o -> o == Journal.Outcome.APPLIED).count());
    } finally {
      server.close();
    }
  }

  @Test
  void ctrlCEndsWithTheSummaryAndAResumeCommandThatFinishesTheRun() throws Exception {
    List<String> connection = SharedStandIn.connect("admin");
    String ouDn = "ou=CtrlC," + SharedStandIn.BASE;
    Path rules;
    try (LDAPConnection admin = SharedStandIn.admin()) {
      rules = estate(admin, ouDn, 60, dir);
    }
    Path plan = dir.resolve("plan.json");
    CliRun planned = CliRun.of(SharedStandIn.args(connection, "migrate", "plan", "--rules",
        rules.toString(), "--as-of", "2026-06-01T00:00:00Z", "--base-dn", ouDn, "--output",
        plan.toString()));
    assertEquals(0, planned.status(), planned.err());
    Path journal = Path.of(plan + ".journal");

    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "migrate", "apply",
        "--plan", plan.toString(), "--rate", "20", "--connections", "1"));
    command.addAll(connection);
    Path err = dir.resolve("apply.err");
    Process apply = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(dir.resolve("apply.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (apply.isAlive() && ended(journal) < 5 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(apply.isAlive(), "apply ended before Ctrl-C: " + Files.readString(err));
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(apply.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(apply.waitFor(60, TimeUnit.SECONDS), "apply did not stop on SIGINT");
    assertEquals(130, apply.exitValue()); // 128 + SIGINT, as after any shutdown hook

    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Matcher summary = SUMMARY.matcher(stderr);
    assertTrue(summary.find(), stderr);
    int applies = Integer.parseInt(summary.group(2));
    assertTrue(applies >= 5 && applies < 120, stderr);
    assertEquals("0", summary.group(5), stderr);
    Matcher hint = HINT.matcher(stderr);
    assertTrue(hint.find(), stderr);
    assertEquals("interrupted", hint.group(1));
    assertEquals(120 - applies, Integer.parseInt(hint.group(2)), stderr);
    // The journal is complete: every action that applied has its end line, none is torn.
    String text = Files.readString(journal, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n"));
    assertEquals(applies, Journal.replay(journal.toString(), text).ended().size());

    // The printed command continues the run to its end.
    List<String> resume = List.of(hint.group(3).split(" "));
    assertEquals("lapsbridge", resume.get(0));
    CliRun resumed = CliRun.of(resume.subList(1, resume.size()).toArray(String[]::new));
    assertEquals(0, resumed.status(), resumed.err());
    assertEquals(120, Journal.replay(journal.toString(),
        Files.readString(journal, StandardCharsets.UTF_8)).ended().size());
  }
}
