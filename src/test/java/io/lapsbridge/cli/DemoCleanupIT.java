package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #18 item 10: {@code demo} removes its work folders and files when it ends. The demo runs in a
 * child JVM whose temp directory is a folder of this test's own, so other processes' demos on
 * the same machine cannot make the folder differ.
 */
class DemoCleanupIT {
  @TempDir Path tmp;

  private List<String> leftovers() throws IOException {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Runs {@code lapsbridge demo ARGS} in a JVM of its own with {@link #tmp} as its temp dir. */
  private void demo(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "demo", "--port", "0", "--ldaps-port", "0", "--computers", "2"));
    command.addAll(List.of(args));
    Path output = Files.createTempFile("demo-cleanup-", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      assertTrue(process.waitFor(180, TimeUnit.SECONDS), "demo did not end within 180 s");
      assertEquals(0, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  @Test
  void demoWithoutTheTourLeavesNoWorkFiles() throws Exception {
    demo("--no-tour");
    assertEquals(List.of(), leftovers());
  }

  @Test
  void demoWithTheTourLeavesNoWorkFiles() throws Exception {
    demo();
    assertEquals(List.of(), leftovers());
  }
}
