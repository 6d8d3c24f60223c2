package io.lapsbridge.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lapsbridge.model.Secret;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.PortException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Automatic account management on Linux: the tool calls (recorded), and the real shadow tools
 * working on a system tree under a temporary directory, never on this machine's /etc.
 */
class LinuxAutomaticAccountsTest {
  static final ManagedAccount.Automatic NAMED =
      new ManagedAccount.Automatic(false, "WLapsAdmin", false, false);
  static final ManagedAccount.Automatic RANDOM =
      new ManagedAccount.Automatic(false, "WLaps", true, true);

  @TempDir Path root;
  final List<List<String>> argv = new ArrayList<>();

  @BeforeEach
  void tree() throws Exception {
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
        + "bob:x:1000:1000:Bob:/home/bob:/bin/bash\n");
    Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\n"
        + "bob:$6$s$h:19000:0:99999:7:::\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\nwheel:x:10:\nsudo:x:27:bob\n"
        + "users:x:100:\nbob:x:1000:\n");
    Files.writeString(etc.resolve("gshadow"), "root:*::\nwheel:*::\nsudo:*::bob\nusers:*::\n"
        + "bob:!::\n");
  }

  LinuxAccounts recording() {
    return LinuxAccounts.under(root, false, (command, stdin) -> {
      argv.add(command);
      return new Commands.Result(0, "");
    });
  }

  @Test
  void createsWithTheMarkInTheAdministratorsGroupUnderTheTree() throws Exception {
    assertTrue(recording().provide(NAMED, "WLapsAdmin"));
    assertEquals(List.of(List.of("useradd", "--prefix", root.toString(), "--create-home",
        "--comment", LinuxAccounts.MARK, "--shell", "/bin/bash", "--groups", "sudo",
        "WLapsAdmin")), argv);
  }

  @Test
  void disablingLocksAndExpiresEnablingClearsTheExpiry() throws Exception {
    recording().enable("WLapsAdmin", false);
    recording().enable("WLapsAdmin", true);
    assertEquals(List.of(
        List.of("usermod", "--prefix", root.toString(), "--lock", "--expiredate", "1",
            "WLapsAdmin"),
        List.of("usermod", "--prefix", root.toString(), "--expiredate", "", "WLapsAdmin")), argv);
  }

  @Test
  void chpasswdWorksInTheTreeWithAnExplicitHash() throws Exception {
    List<byte[]> input = new ArrayList<>();
    LinuxAccounts.under(root, false, (command, stdin) -> {
      argv.add(command);
      input.add(stdin.clone());
      return new Commands.Result(0, "");
    }).setPassword("WLapsAdmin", Secret.of("N3w:pass"));
    assertEquals(List.of(List.of("chpasswd", "--root", root.toString(), "--crypt-method",
        "SHA512")), argv);
    assertEquals("WLapsAdmin:N3w:pass\n", new String(input.get(0), StandardCharsets.UTF_8));
  }

  @Test
  void anUnmarkedAccountIsNeverTakenOver() {
    PortException e = assertThrows(PortException.class, () -> recording().provide(NAMED, "bob"));
    assertEquals(PortException.Kind.ACCOUNT_MISSING, e.kind());
    assertEquals("a local account 'bob' exists and was not created by this agent; automatic"
        + " account management does not take over an existing account (rename it, or name it in"
        + " AdministratorAccountName instead)", e.getMessage());
    assertEquals(List.of(), argv);
  }

  @Test
  void findsItsAccountByTheMarkAndRenamesIt() throws Exception {
    Files.writeString(root.resolve("etc/passwd"), "WLaps123456:x:1001:100:" + LinuxAccounts.MARK
        + ":/home/WLaps123456:/bin/bash\n", java.nio.file.StandardOpenOption.APPEND);
    assertEquals(Optional.of("WLaps123456"), recording().managed(RANDOM));
    assertEquals(Optional.empty(), recording().managed(NAMED).filter(NAMED::fits));
    assertFalse(recording().provide(RANDOM, "WLaps654321"));
    assertEquals(List.of(List.of("usermod", "--prefix", root.toString(), "--login", "WLaps654321",
        "WLaps123456")), argv);
  }

  /** The real useradd, usermod and chpasswd, on the temporary tree. */
  @Test
  void theShadowToolsManageAnAccountThatDoesNotExistYet() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "the shadow tools need root");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd"))
        && Files.isExecutable(Path.of("/usr/sbin/chpasswd"))
        && Files.isExecutable(Path.of("/usr/bin/perl")), "needs useradd, chpasswd and perl");
    LinuxAccounts accounts = LinuxAccounts.under(root, false, Commands.system());
    assertEquals(Optional.empty(), accounts.managed(RANDOM));
    assertTrue(accounts.provide(RANDOM, "WLaps000042"));
    assertEquals("!", shadowField("WLaps000042", 1), "created without a usable password");
    assertTrue(Files.readString(root.resolve("etc/group")).contains("sudo:x:27:bob,WLaps000042"));
    accounts.setPassword("WLaps000042", Secret.of("Fresh-Pa55word"));
    assertTrue(verifies(shadowField("WLaps000042", 1), "Fresh-Pa55word"));
    accounts.enable("WLaps000042", false);
    assertTrue(shadowField("WLaps000042", 1).startsWith("!$"), "locked");
    assertEquals("1", shadowField("WLaps000042", 7), "expired");
    // The next rotation: renamed, new password, enabled.
    assertEquals(Optional.of("WLaps000042"), accounts.managed(RANDOM));
    assertFalse(accounts.provide(RANDOM, "WLaps777777"));
    accounts.setPassword("WLaps777777", Secret.of("Next-Pa55word"));
    accounts.enable("WLaps777777", true);
    assertTrue(verifies(shadowField("WLaps777777", 1), "Next-Pa55word"));
    assertEquals("", shadowField("WLaps777777", 7), "no expiry");
    assertEquals(List.of("root", "bob", "WLaps777777"), Files.readAllLines(
        root.resolve("etc/passwd")).stream().map(l -> l.split(":", -1)[0]).toList());
    assertTrue(Files.readString(root.resolve("etc/group")).contains("sudo:x:27:bob,WLaps777777"));
  }

  String shadowField(String user, int field) throws Exception {
    return Files.readAllLines(root.resolve("etc/shadow")).stream().map(l -> l.split(":", -1))
        .filter(f -> f[0].equals(user)).map(f -> f[field]).findFirst().orElseThrow();
  }

  static boolean verifies(String hash, String password) throws Exception {
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
}
