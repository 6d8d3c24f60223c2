package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the shaded jar as users do, to check real process exit codes and streams. */
class ShadedJarIT {
  private static Path jar;
  private static String ou;

  @BeforeAll
  static void findJar() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("lapsbridge-.*-all\\.jar"))
          .findFirst().orElseThrow(() -> new AssertionError("run mvn package first: no shaded jar"));
    }
    ou = SharedStandIn.organizationalUnit("ShadedJarIT");
    SharedStandIn.computer(ou, "JAR-PC", "ms-Mcs-AdmPwd", "from-a-subprocess",
        "ms-Mcs-AdmPwdExpirationTime", "0");
  }

  record Result(int status, String out, String err) {}

  private static Result run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    File out = File.createTempFile("jar-out", ".txt");
    File err = File.createTempFile("jar-err", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
    if (!process.waitFor(240, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("lapsbridge " + args + " did not finish in 240 s");
    }
    return new Result(process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  private static List<String> with(List<String> connection, String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(connection);
    return all;
  }

  @Test
  void versionComesFromThePom() throws Exception {
    Result result = run(List.of("--version"));
    assertEquals(0, result.status());
    assertTrue(result.out().matches("lapsbridge \\d+\\.\\d+\\.\\d+.*\\n"), result.out());
  }

  @Test
  void exitCodesOfARealProcess() throws Exception {
    Result found = run(with(SharedStandIn.connect("reader"), "get-password", "JAR-PC"));
    assertEquals(0, found.status(), found.err());
    assertTrue(found.out().contains("Password            : from-a-subprocess\n"));
    assertEquals("", found.err());

    Result partial = run(with(SharedStandIn.connect("reader"), "get-password", "JAR-PC", "NOPE"));
    assertEquals(6, partial.status());

    Result missing = run(with(SharedStandIn.connect("reader"), "get-password", "NOPE"));
    assertEquals(5, missing.status());
    assertEquals("lapsbridge: computer 'NOPE' not found under dc=example,dc=com\n", missing.err());

    Result denied = run(with(SharedStandIn.connect("user"), "get-password", "JAR-PC"));
    assertEquals(5, denied.status());
    assertFalse(denied.out().contains("from-a-subprocess") || denied.err().contains("from-a-subprocess"));

    Result usage = run(List.of("get-password", "JAR-PC", "--host", "localhost"));
    assertEquals(2, usage.status());

    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Result unreachable = run(List.of("get-password", "JAR-PC", "--host", "127.0.0.1", "--port",
        Integer.toString(closed), "--insecure"));
    assertEquals(3, unreachable.status());

    Result noSchema = run(List.of("policy", "show", "--registry-pol", "/nonexistent/Registry.pol"));
    assertEquals(2, noSchema.status(), noSchema.err());
  }

  @Test
  void demoCompletesItsTour() throws Exception {
    Result demo = run(List.of("demo", "--port", "0", "--ldaps-port", "0", "--computers", "24"));
    assertEquals(0, demo.status(), demo.out() + demo.err());
    assertTrue(demo.out().contains("$ lapsbridge schema check"), demo.out());
    assertTrue(demo.out().contains("Source              : LegacyLapsCleartextPassword"), demo.out());
    assertTrue(demo.out().contains("Source              : CleartextPassword"), demo.out());
    assertTrue(demo.out().contains("Estate summary, read back from the directory:"), demo.out());
    assertFalse(demo.err().contains("demo step failed"), demo.err());
  }
}
