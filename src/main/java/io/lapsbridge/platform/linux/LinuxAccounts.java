package io.lapsbridge.platform.linux;

import io.lapsbridge.model.Secret;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.LocalAccountPort;
import io.lapsbridge.rotation.PortException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * <p>Automatic account management (Windows LAPS' 2025 settings): the agent creates the account
 * with {@code useradd} (home directory, the first of the {@code sudo}, {@code wheel} or {@code
 * admin} groups, and {@link #MARK} as its comment, which is how it finds its account again, as
 * Windows marks its own in the description), renames it with {@code usermod -l}, and enables or
 * disables it with {@code usermod} (disabled = password locked and account expired). An
 * account of that name that lacks the mark is never taken over. With a system root other than
 * {@code /} (tests, image preparation) every tool works on that tree: {@code useradd} and {@code
 * usermod} with {@code --prefix}, {@code chpasswd} with {@code --root} and an explicit SHA-512
 * hash, since PAM does not run in a chroot.
 */
public final class LinuxAccounts implements LocalAccountPort {
  /** The comment (GECOS) of an account the agent created. */
  public static final String MARK = "lapsbridge automatic account (Windows LAPS)";
  private static final List<String> ADMIN_GROUPS = List.of("sudo", "wheel", "admin");

  private final Path passwd;
  private final Path shadow;
  private final Path group;
  private final Optional<Path> root;
  private final boolean uid0Admin;
  private final Commands commands;

  public LinuxAccounts(Path passwd, Path shadow, boolean uid0Admin, Commands commands) {
    this(passwd, shadow, passwd.resolveSibling("group"), Optional.empty(), uid0Admin, commands);
  }

  private LinuxAccounts(Path passwd, Path shadow, Path group, Optional<Path> root,
      boolean uid0Admin, Commands commands) {
    this.passwd = passwd;
    this.shadow = shadow;
    this.group = group;
    this.root = root;
    this.uid0Admin = uid0Admin;
    this.commands = commands;
  }

  /** The system's own files and tools. */
  public static LinuxAccounts system(boolean uid0Admin) {
    return new LinuxAccounts(Path.of("/etc/passwd"), Path.of("/etc/shadow"), Path.of("/etc/group"),
        Optional.empty(), uid0Admin, Commands.system());
  }

  /**
   * The accounts of the system tree under {@code root} ({@code root/etc/passwd} and so on),
   * changed by the shadow tools pointed at that tree; never the running machine's own files.
   */
  public static LinuxAccounts under(Path root, boolean uid0Admin, Commands commands) {
    Path etc = root.resolve("etc");
    return new LinuxAccounts(etc.resolve("passwd"), etc.resolve("shadow"), etc.resolve("group"),
        Optional.of(root), uid0Admin, commands);
  }

  @Override
  public String resolve(ManagedAccount account) throws PortException {
    String name;
    if (account instanceof ManagedAccount.Named named) {
      name = named.name();
      if (passwdEntry(name).isEmpty()) {
        throw new PortException(PortException.Kind.ACCOUNT_MISSING, "failed to find the managed"
            + " local account '" + name + "' in " + passwd + "; the agent creates accounts only"
            + " under automatic account management (AutomaticAccountManagementEnabled=1)");
      }
    } else if (account instanceof ManagedAccount.BuiltInAdministrator
        || (account instanceof ManagedAccount.Automatic a && a.builtIn())) {
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
      List<String> argv = root.isEmpty() ? List.of("chpasswd")
          : List.of("chpasswd", "--root", root.get().toString(), "--crypt-method", "SHA512");
      Commands.Result result = commands.run(argv, line);
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

  @Override
  public Optional<String> managed(ManagedAccount.Automatic account) throws PortException {
    List<String> marked = lines(passwd).stream().map(l -> l.split(":", -1))
        .filter(f -> f.length >= 7 && f[4].equals(MARK)).map(f -> f[0]).toList();
    return marked.stream().filter(account::fits).findFirst().or(() -> marked.stream().findFirst());
  }

  @Override
  public boolean provide(ManagedAccount.Automatic account, String name) throws PortException {
    Optional<String[]> entry = passwdEntry(name);
    Optional<String> adminGroup = adminGroup();
    if (entry.isPresent()) {
      if (!entry.get()[4].equals(MARK)) {
        throw new PortException(PortException.Kind.ACCOUNT_MISSING, "a local account '" + name
            + "' exists and was not created by this agent; automatic account management does not"
            + " take over an existing account (rename it, or name it in AdministratorAccountName"
            + " instead)");
      }
      if (adminGroup.isPresent() && !member(adminGroup.get(), name)) {
        tool("usermod", List.of("--append", "--groups", adminGroup.get(), name));
      }
      return false;
    }
    Optional<String> previous = managed(account);
    if (previous.isPresent()) {
      tool("usermod", List.of("--login", name, previous.get()));
      return false;
    }
    List<String> args = new ArrayList<>(List.of("--create-home", "--comment", MARK, "--shell",
        "/bin/bash"));
    adminGroup.ifPresent(g -> args.addAll(List.of("--groups", g)));
    args.add(name);
    tool("useradd", args);
    return true;
  }

  @Override
  public void enable(String name, boolean enabled) throws PortException {
    tool("usermod", enabled ? List.of("--expiredate", "", name)
        : List.of("--lock", "--expiredate", "1", name));
  }

  /** Runs a shadow tool on this tree; no secret is ever an argument here. */
  private void tool(String command, List<String> args) throws PortException {
    List<String> argv = new ArrayList<>(List.of(command));
    root.ifPresent(r -> argv.addAll(List.of("--prefix", r.toString())));
    argv.addAll(args);
    try {
      Commands.Result result = commands.run(argv, new byte[0]);
      if (result.exit() != 0) {
        throw new PortException(PortException.Kind.LOCAL_FAILED, String.join(" ", argv)
            + " failed with status " + result.exit()
            + (result.error().isEmpty() ? "" : ": " + result.error()));
      }
    } catch (IOException e) {
      throw new PortException(PortException.Kind.LOCAL_FAILED, "cannot run " + command + ": "
          + e.getMessage());
    }
  }

  private Optional<String> adminGroup() throws PortException {
    if (!Files.isReadable(group)) {
      return Optional.empty();
    }
    List<String> names = lines(group).stream().map(l -> l.split(":", -1)[0]).toList();
    return ADMIN_GROUPS.stream().filter(names::contains).findFirst();
  }

  private boolean member(String groupName, String user) throws PortException {
    return lines(group).stream().map(l -> l.split(":", -1))
        .filter(f -> f.length >= 4 && f[0].equals(groupName))
        .anyMatch(f -> Arrays.asList(f[3].split(",")).contains(user));
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
