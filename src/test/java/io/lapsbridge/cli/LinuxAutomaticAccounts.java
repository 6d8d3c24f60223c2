package io.lapsbridge.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Checks a password against a shadow hash in a system tree, with crypt(3) through perl. */
final class LinuxAutomaticAccounts {
  private LinuxAutomaticAccounts() {}

  static boolean verifies(Path root, String user, String password) throws Exception {
    String hash = Files.readAllLines(root.resolve("etc/shadow")).stream()
        .map(l -> l.split(":", -1)).filter(f -> f[0].equals(user)).map(f -> f[1]).findFirst()
        .orElseThrow();
    Process perl = new ProcessBuilder("perl", "-e",
        "my $p = <STDIN>; chomp $p; print((crypt($p, $ARGV[0]) eq $ARGV[0]) ? 'match' : 'differ')",
        hash).start();
    try (OutputStream in = perl.getOutputStream()) {
      in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String answer = new String(perl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!perl.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("perl did not finish");
    }
    return answer.equals("match");
  }
}
