package io.lapsbridge.platform.linux;

import io.lapsbridge.model.Secret;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.LocalAccountPort;
import io.lapsbridge.rotation.PortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Local accounts of a Linux machine.
 *
 * <p>Choices: a named account, or, when {@code uid0Admin} is set, the first UID-0 account other
 * than {@code root} in {@code /etc/passwd} stands for the policy's "built-in Administrator". A
 * locked account ({@code !} before a real shadow hash) is refused: {@code chpasswd} would replace
 * the hash and so unlock an account an administrator locked on purpose. An account that never had
 * a password ({@code !}, {@code !!} or {@code !*} alone, as {@code useradd} leaves it) is not
 * locked: setting its first password is the agent's job.
 */
public final class LinuxAccounts implements LocalAccountPort {
  private final Path passwd;
  private final Path shadow;
  private final boolean uid0Admin;
  private final Commands commands;

  public LinuxAccounts(Path passwd, Path shadow, boolean uid0Admin, Commands commands) {
    this.passwd = passwd;
    this.shadow = shadow;
    this.uid0Admin = uid0Admin;
    this.commands = commands;
  }

  /** The system's own files and tools. */
  public static LinuxAccounts system(boolean uid0Admin) {
    return new LinuxAccounts(Path.of("/etc/passwd"), Path.of("/etc/shadow"), uid0Admin,
        Commands.system());
  }

  @Override
  public String resolve(ManagedAccount account) throws PortException {
    String name;
    if (account instanceof ManagedAccount.Named named) {
      name = named.name();
      if (passwdEntry(name).isEmpty()) {
        throw new PortException(PortException.Kind.ACCOUNT_MISSING, "failed to find the managed"
            + " local account '" + name + "' in " + passwd + "; LAPS never creates it");
      }
    } else if (account instanceof ManagedAccount.BuiltInAdministrator) {
      if (!uid0Admin) {
        throw new PortException(PortException.Kind.ACCOUNT_MISSING, "the policy manages the"
            + " built-in Administrator (RID 500), which Linux does not have; name the account"
            + " (AdministratorAccountName, --account NAME) or allow --account @uid0");
      }
      name = firstUid0Admin().orElseThrow(() -> new PortException(
          PortException.Kind.ACCOUNT_MISSING, "--account @uid0: " + passwd
              + " has no UID-0 account other than root"));
    } else {
      throw new PortException(PortException.Kind.ACCOUNT_MISSING, "cannot manage "
          + account.describe() + " on Linux");
    }
    if (locked(name)) {
      throw new PortException(PortException.Kind.ACCOUNT_LOCKED, "the managed local account '"
          + name + "' is locked (its " + shadow + " hash starts with '!'); unlock it (passwd -u "
          + name + ") or manage another account: setting a password would unlock it");
    }
    return name;
  }

  @Override
  public void setPassword(String account, Secret password) throws PortException {
    byte[] secret = password.utf8();
    byte[] prefix = (account + ":").getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[prefix.length + secret.length + 1];
    try {
      // chpasswd reads "name:password" lines; the secret goes on stdin, never into argv.
      System.arraycopy(prefix, 0, line, 0, prefix.length);
      System.arraycopy(secret, 0, line, prefix.length, secret.length);
      line[line.length - 1] = '\n';
      Commands.Result result = commands.run(List.of("chpasswd"), line);
      if (result.exit() != 0) {
        throw new PortException(PortException.Kind.LOCAL_FAILED, "chpasswd failed for '"
            + account + "' with status " + result.exit()
            + (result.error().isEmpty() ? "" : ": " + result.error()));
      }
    } catch (IOException e) {
      throw new PortException(PortException.Kind.LOCAL_FAILED, "cannot run chpasswd: "
          + e.getMessage());
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(line, (byte) 0);
    }
  }

  @Override
  public void terminateSessions(String account) throws PortException {
    try {
      Commands.Result result =
          commands.run(List.of("loginctl", "terminate-user", account), new byte[0]);
      if (result.exit() != 0) {
        throw new PortException(PortException.Kind.LOCAL_FAILED, "loginctl terminate-user "
            + account + " failed with status " + result.exit()
            + (result.error().isEmpty() ? "" : ": " + result.error()));
      }
    } catch (IOException e) {
      throw new PortException(PortException.Kind.LOCAL_FAILED, "cannot run loginctl: "
          + e.getMessage());
    }
  }

  private Optional<String[]> passwdEntry(String name) throws PortException {
    return lines(passwd).stream().map(l -> l.split(":", -1))
        .filter(f -> f.length >= 7 && f[0].equals(name)).findFirst();
  }

  private Optional<String> firstUid0Admin() throws PortException {
    return lines(passwd).stream().map(l -> l.split(":", -1))
        .filter(f -> f.length >= 7 && f[2].equals("0") && !f[0].equals("root"))
        .map(f -> f[0]).findFirst();
  }

  private boolean locked(String name) throws PortException {
    if (!Files.isReadable(shadow)) {
      return false; // not root: chpasswd itself will refuse, with its own message
    }
    return lines(shadow).stream().map(l -> l.split(":", -1))
        .anyMatch(f -> f.length >= 2 && f[0].equals(name) && lockedHash(f[1]));
  }

  /** {@code !} in front of a real hash; not the bare {@code !} of a password never set. */
  static boolean lockedHash(String field) {
    if (!field.startsWith("!")) {
      return false;
    }
    String rest = field.replaceFirst("^!+", "");
    return !rest.isEmpty() && !rest.equals("*");
  }

  private static List<String> lines(Path file) throws PortException {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PortException(PortException.Kind.ACCOUNT_MISSING, "cannot read " + file + ": "
          + e.getClass().getSimpleName());
    }
  }
}
