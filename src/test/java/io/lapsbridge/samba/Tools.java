package io.lapsbridge.samba;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds and runs the command-line tools the Samba ITs drive (samba-tool, openssl). */
final class Tools {
  private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin");

  private Tools() {}

  static Optional<Path> binary(String name) {
    List<String> dirs = new ArrayList<>(List.of(
        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(SBIN);
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
        .filter(Files::isExecutable).findFirst();
  }

  /**
   * Runs a tool to completion with the forest's krb5.conf and returns its output; fails with
   * the output if it exits non-zero. {@code secret} (a password on the command line) is masked
   * in the failure message.
   */
  static String run(Path dir, List<String> command, String secret)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
    // Samba's Python modules import only under Debian's own python3, not a pyenv shim.
    builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    builder.environment().remove("PYTHONPATH");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      String shown = String.join(" ", command) + " failed:\n" + output;
      throw new IllegalStateException(secret == null ? shown : shown.replace(secret, "****"));
    }
    return output;
  }
}
