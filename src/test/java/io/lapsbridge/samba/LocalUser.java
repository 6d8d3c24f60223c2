package io.lapsbridge.samba;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away local Linux account for the agent to manage, created with plain {@code useradd}
 * (no password yet, as the packaging README tells users to), checked against /etc/shadow with
 * the system's crypt (through perl), and deleted afterwards. Root only.
 */
final class LocalUser {
  private final String name;

  private LocalUser(String name) {
    this.name = name;
  }

  static void assumePossible() {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
        && Files.isWritable(Path.of("/etc/shadow")), "agent ITs need root");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd"))
        && Files.isExecutable(Path.of("/usr/sbin/chpasswd"))
        && Files.isExecutable(Path.of("/usr/bin/perl")), "agent ITs need useradd, chpasswd, perl");
  }

  static LocalUser create() throws IOException, InterruptedException {
    String name = "lbsmb" + (100000 + new SecureRandom().nextInt(900000));
    run(List.of("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", name), "");
    return new LocalUser(name);
  }

  String name() {
    return name;
  }

  /** The account's /etc/shadow password field. */
  String shadowField() throws IOException {
    return Files.readAllLines(Path.of("/etc/shadow")).stream().map(l -> l.split(":", -1))
        .filter(f -> f[0].equals(name)).map(f -> f[1]).findFirst().orElseThrow();
  }

  /** Whether {@code password} is the account's password, by crypt(3); it goes on stdin. */
  boolean hasPassword(String password) throws IOException, InterruptedException {
    Process perl = new ProcessBuilder("perl", "-e",
        "my $p = <STDIN>; chomp $p; print((crypt($p, $ARGV[0]) eq $ARGV[0]) ? 'match' : 'differ')",
        shadowField()).start();
    try (OutputStream in = perl.getOutputStream()) {
      in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String answer = new String(perl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    perl.waitFor(30, TimeUnit.SECONDS);
    return answer.equals("match");
  }

  void delete() throws IOException, InterruptedException {
    run(List.of("userdel", name), "");
  }

  private static void run(List<String> argv, String stdin)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + output);
    }
  }
}
