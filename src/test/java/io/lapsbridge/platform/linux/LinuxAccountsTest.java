package io.lapsbridge.platform.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.Secret;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.PortException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxAccountsTest {
  @TempDir Path temp;
  Path passwd;
  Path shadow;
  final List<List<String>> argv = new ArrayList<>();
  final List<byte[]> stdin = new ArrayList<>();
  int exit;

  final Commands recording = (command, input) -> {
    argv.add(command);
    stdin.add(input.clone());
    return new Commands.Result(exit, exit == 0 ? "" : "chpasswd: (user lapsadmin) pam_chauthtok()"
        + " failed, error: Authentication token manipulation error");
  };

  @BeforeEach
  void files() throws Exception {
    passwd = temp.resolve("passwd");
    shadow = temp.resolve("shadow");
    Files.writeString(passwd, String.join("\n",
        "root:x:0:0:root:/root:/bin/bash",
        "toor:x:0:0:second root:/root:/bin/sh",
        "lapsadmin:x:1001:1001::/home/lapsadmin:/bin/bash",
        "frozen:x:1002:1002::/home/frozen:/bin/bash",
        "fresh:x:1003:1003::/home/fresh:/bin/bash",
        "fresher:x:1004:1004::/home/fresher:/bin/bash", ""));
    Files.writeString(shadow, String.join("\n",
        "root:*:19000:0:99999:7:::",
        "toor:$6$abc$def:19000:0:99999:7:::",
        "lapsadmin:$6$salt$hash:19000:0:99999:7:::",
        "frozen:!$6$salt$hash:19000:0:99999:7:::",
        "fresh:!:20426:0:99999:7:::",
        "fresher:!!:20426:0:99999:7:::", ""));
  }

  LinuxAccounts accounts(boolean uid0) {
    return new LinuxAccounts(passwd, shadow, uid0, recording);
  }

  @Test
  void secretGoesOnStdinAndNeverIntoArgv() throws Exception {
    accounts(false).setPassword("lapsadmin", Secret.of("S3cret:with:colons"));
    assertEquals(List.of(List.of("chpasswd")), argv);
    assertArrayEquals("lapsadmin:S3cret:with:colons\n".getBytes(StandardCharsets.UTF_8),
        stdin.get(0));
  }

  @Test
  void chpasswdFailureIsALocalFailureWithoutTheSecret() {
    exit = 1;
    PortException e = assertThrows(PortException.class,
        () -> accounts(false).setPassword("lapsadmin", Secret.of("S3cret")));
    assertEquals(PortException.Kind.LOCAL_FAILED, e.kind());
    assertEquals("chpasswd failed for 'lapsadmin' with status 1: chpasswd: (user lapsadmin)"
        + " pam_chauthtok() failed, error: Authentication token manipulation error",
        e.getMessage());
  }

  @Test
  void namedAccountMustExist() throws Exception {
    assertEquals("lapsadmin", accounts(false).resolve(new ManagedAccount.Named("lapsadmin")));
    PortException e = assertThrows(PortException.class,
        () -> accounts(false).resolve(new ManagedAccount.Named("ghost")));
    assertEquals(PortException.Kind.ACCOUNT_MISSING, e.kind());
    assertEquals("failed to find the managed local account 'ghost' in " + passwd
        + "; the agent creates accounts only under automatic account management"
        + " (AutomaticAccountManagementEnabled=1)", e.getMessage());
  }

  @Test
  void lockedAccountIsRefusedClearly() {
    PortException e = assertThrows(PortException.class,
        () -> accounts(false).resolve(new ManagedAccount.Named("frozen")));
    assertEquals(PortException.Kind.ACCOUNT_LOCKED, e.kind());
    assertEquals("the managed local account 'frozen' is locked (its " + shadow + " hash starts"
        + " with '!'); unlock it (passwd -u frozen) or manage another account: setting a"
        + " password would unlock it", e.getMessage());
  }

  /** #13 item 4: useradd leaves '!' (Debian) or '!!' (RHEL) until the first password is set. */
  @Test
  void anAccountThatNeverHadAPasswordIsNotLocked() throws Exception {
    assertEquals("fresh", accounts(false).resolve(new ManagedAccount.Named("fresh")));
    assertEquals("fresher", accounts(false).resolve(new ManagedAccount.Named("fresher")));
    assertTrue(LinuxAccounts.lockedHash("!$y$j9T$salt$hash"));
    assertTrue(!LinuxAccounts.lockedHash("!*") && !LinuxAccounts.lockedHash("*"));
  }

  @Test
  void builtInAdministratorIsTheFirstUid0NonRootAccountOnlyWhenAllowed() throws Exception {
    assertEquals("toor", accounts(true).resolve(new ManagedAccount.BuiltInAdministrator()));
    PortException e = assertThrows(PortException.class,
        () -> accounts(false).resolve(new ManagedAccount.BuiltInAdministrator()));
    assertTrue(e.getMessage().startsWith("the policy manages the built-in Administrator (RID"
        + " 500), which Linux does not have"), e.getMessage());
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");
    PortException none = assertThrows(PortException.class,
        () -> accounts(true).resolve(new ManagedAccount.BuiltInAdministrator()));
    assertEquals("--account @uid0: " + passwd + " has no UID-0 account other than root",
        none.getMessage());
  }

  @Test
  void terminateSessionsUsesLoginctl() throws Exception {
    accounts(false).terminateSessions("lapsadmin");
    assertEquals(List.of(List.of("loginctl", "terminate-user", "lapsadmin")), argv);
  }
}
