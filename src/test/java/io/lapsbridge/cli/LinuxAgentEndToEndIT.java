package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lapsbridge.embedded.StandInDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing on Linux, as root only: a throwaway local user gets its password rotated by
 * {@code agent run-once} through chpasswd, and the password {@code get-password} returns is
 * checked against its /etc/shadow hash with the system's crypt (through perl). The user is
 * deleted afterwards.
 */
@EnabledOnOs(OS.LINUX)
class LinuxAgentEndToEndIT {
  private static final String INITIAL = "Initial-Pa55word";
  private static String user;
  private static String ou;
  @TempDir Path temp;

  @BeforeAll
  static void throwawayUser() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name"))
        && Files.isWritable(Path.of("/etc/shadow")), "needs root (CI runs as root)");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd"))
        && Files.isExecutable(Path.of("/usr/sbin/chpasswd"))
        && Files.isExecutable(Path.of("/usr/bin/perl")), "needs useradd, chpasswd and perl");
    user = "lbe2e" + (100000 + new SecureRandom().nextInt(900000));
    assertEquals(0, run(List.of("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", user), ""));
    assertEquals(0, run(List.of("chpasswd"), user + ":" + INITIAL + "\n"));
    ou = SharedStandIn.organizationalUnit("LinuxAgentEndToEndIT");
  }

  @AfterAll
  static void deleteUser() throws Exception {
    if (user != null) {
      run(List.of("userdel", user), "");
    }
  }

  static int run(List<String> argv, String stdin) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return process.exitValue();
  }

  static String shadowHash() throws IOException {
    return Files.readAllLines(Path.of("/etc/shadow")).stream().map(l -> l.split(":", -1))
        .filter(f -> f[0].equals(user)).map(f -> f[1]).findFirst().orElseThrow();
  }

  /** crypt(3) through perl; the password goes on stdin. */
  static boolean verifies(String password) throws Exception {
    String hash = shadowHash();
    Process perl = new ProcessBuilder("perl", "-e",
        "my $p = <STDIN>; chomp $p; print((crypt($p, $ARGV[0]) eq $ARGV[0]) ? 'match' : 'differ')",
        hash).start();
    try (OutputStream in = perl.getOutputStream()) {
      in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String answer = new String(perl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(perl.waitFor(30, TimeUnit.SECONDS));
    return answer.equals("match");
  }

  void rotatesAndVerifies(String computer, String policyJson) throws Exception {
    SharedStandIn.computer(ou, computer);
    Path policy = temp.resolve("policy.json");
    Files.writeString(policy, policyJson, StandardCharsets.UTF_8);
    String before = shadowHash();
    StandInDirectory server = SharedStandIn.get();
    List<String> args = new ArrayList<>(List.of("agent", "run-once", "--policy-file",
        policy.toString(), "--computer", computer, "--account", user, "--state-dir",
        temp.resolve("state").toString(), "--server", "127.0.0.1:" + server.port(), "--start-tls",
        "--trust-store", server.certificateFile().toString(), "--bind-dn",
        StandInDirectory.ADMIN_DN, "--bind-password-file",
        SharedStandIn.passwordFile("admin").toString()));
    CliRun agent = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, agent.status(), agent.err());
    assertTrue(agent.out().startsWith("rotated: rotated '" + user + "'"), agent.out());
    agent.err().lines().filter(l -> l.startsWith("event=10004"))
        .forEach(l -> System.out.println("LinuxAgentEndToEndIT " + computer + ": " + l));
    assertTrue(!before.equals(shadowHash()), "the shadow hash changed");

    CliRun get = CliRun.of(SharedStandIn.args(SharedStandIn.connect("reader"), "get-password",
        computer));
    assertEquals(0, get.status(), get.err());
    Matcher m = Pattern.compile("Password            : (.*)\n").matcher(get.out());
    assertTrue(m.find(), get.out());
    String password = m.group(1);
    assertTrue(verifies(password), "get-password's password verifies against /etc/shadow");
    assertTrue(!verifies(INITIAL), "and the old one no longer does");
  }

  @Test
  void legacyEmulationRotatesARealAccount() throws Exception {
    rotatesAndVerifies("E2E-LEGACY", AgentIT.LEGACY_POLICY);
  }

  @Test
  void windowsCleartextRotatesARealAccount() throws Exception {
    rotatesAndVerifies("E2E-WIN", AgentIT.WINDOWS_POLICY);
  }
}
