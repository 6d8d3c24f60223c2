package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * #18 item 10: {@code demo} removes its work folders and files when it ends, not at the JVM's
 * exit, so an in-process demo (and one run after another) leaves the temp directory as it was.
 */
class DemoCleanupIT {
  private static List<String> demoLeftovers() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("lapsbridge-demo-") || n.startsWith("lapsbridge-standin-"))
          .sorted().toList();
    }
  }

  @Test
  void demoWithoutTheTourLeavesNoWorkFiles() throws IOException {
    List<String> before = demoLeftovers();
    CliRun demo = CliRun.of("demo", "--port", "0", "--ldaps-port", "0", "--computers", "2",
        "--no-tour");
    assertEquals(0, demo.status(), demo.err());
    assertEquals(before, demoLeftovers());
  }

  @Test
  void demoWithTheTourLeavesNoWorkFiles() throws IOException {
    List<String> before = demoLeftovers();
    CliRun demo = CliRun.of("demo", "--port", "0", "--ldaps-port", "0", "--computers", "2");
    assertEquals(0, demo.status(), demo.err());
    assertEquals(before, demoLeftovers());
  }
}
