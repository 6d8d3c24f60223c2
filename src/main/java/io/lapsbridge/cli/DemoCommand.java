package io.lapsbridge.cli;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.directory.EncryptedAttributes;
import io.lapsbridge.embedded.DemoTour;
import io.lapsbridge.embedded.gkdi.GetKeyServer;
import io.lapsbridge.embedded.SampleEstate;
import io.lapsbridge.embedded.ShippedLdif;
import io.lapsbridge.embedded.StandInConfig;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.embedded.StandInException;
import io.lapsbridge.embedded.HybridComputers;
import io.lapsbridge.embedded.entra.DemoTenant;
import io.lapsbridge.embedded.entra.GraphStandIn;
import io.lapsbridge.model.Secret;
import io.lapsbridge.report.EstateSummary;
import io.lapsbridge.wire.LapsAttribute;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: the stand-in directory with a sample estate, and a guided tour. */
@Command(
    name = "demo",
    description = "Start an embedded ApacheDS stand-in for AD with a sample estate and tour it.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--serve", description = "Keep the directory running until Ctrl-C, with the helpdesk web console (serve) beside it.")
  boolean serve;

  @Option(names = "--console-port", defaultValue = "8443", description = "With --serve, the console's HTTPS port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int consolePort;

  @Option(names = "--port", defaultValue = "10389", description = "LDAP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--ldaps-port", defaultValue = "10636", description = "LDAPS port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int ldapsPort;

  @Option(names = "--computers", defaultValue = "40", description = "Size of the sample estate (default: ${DEFAULT-VALUE}).")
  int computers;

  @Option(names = "--seed", defaultValue = "20261125", description = "Seed for the sample estate (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-tour", description = "Skip the guided tour.")
  boolean noTour;

  @Override
  public Integer call() throws StandInException, DirectoryException, IOException {
    for (int chosen : new int[] {port, ldapsPort}) {
      if (chosen < 0 || chosen > 65535) {
        throw new UsageException("--port and --ldaps-port must be between 0 and 65535: " + chosen);
      }
    }
    if (computers < 0) {
      throw new UsageException("--computers must not be negative: " + computers);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    StandInDirectory directory =
        StandInDirectory.start(
            new StandInConfig(
                "127.0.0.1",
                port,
                ShippedLdif.BASE_DN,
                ldapsPort,
                ShippedLdif.schema(),
                ShippedLdif.data()));
    GetKeyServer getKey = null;
    Path passwordFile = null;
    GraphStandIn graph = null;
    Path graphSecret = null;
    try {
      getKey = directory.startGetKeyServer(GetKeyServer.Config.PREFER_135);
      directory.addAll(new SampleEstate(ShippedLdif.BASE_DN, new SplittableRandom(seed),
          Clock.systemUTC()), computers);
      Duration loadTime = Duration.ofNanos(System.nanoTime() - started);
      Runtime runtime = Runtime.getRuntime();
      // Collect first so that the figure is the live heap, not garbage awaiting collection.
      runtime.gc();
      long heapMiB = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
      passwordFile = readerPasswordFile();
      // Entra ID (#16): the Graph stand-in, and the AD side of its hybrid devices.
      String secret = java.util.HexFormat.of().formatHex(randomBytes());
      graphSecret = ownerOnlyFile("lapsbridge-demo-client-", secret);
      Instant now = Instant.now();
      graph = GraphStandIn.start(DemoTenant.config(secret, now));
      HybridComputers.add(directory, DemoTenant.HYBRID_BOTH,
          DemoTenant.sidOf(DemoTenant.HYBRID_BOTH), now.minus(Duration.ofHours(2)),
          now.plus(Duration.ofDays(28)));
      HybridComputers.add(directory, DemoTenant.HYBRID_MOVED,
          DemoTenant.sidOf(DemoTenant.HYBRID_MOVED), now.minus(Duration.ofDays(40)),
          now.minus(Duration.ofDays(10)));
      List<String> entraOptions = List.of("--tenant", DemoTenant.TENANT, "--client-id",
          DemoTenant.APP_ID, "--client-secret-file", graphSecret.toString(), "--graph-url",
          graph.graphUrl().toString(), "--authority-url", graph.authorityUrl().toString(),
          "--graph-trust-store", graph.certificateFile().toString());

      out.printf("Stand-in directory for AD on ldap://%s:%d (StartTLS) and ldaps://%s:%d, base %s%n",
          directory.host(), directory.port(), directory.host(), directory.ldapsPort(),
          directory.baseDn());
      out.printf("Its self-signed certificate (for --trust-store): %s%n", directory.certificateFile());
      out.printf("Loaded %d computers in %.1f s; live heap after GC %d MiB.%n",
          computers, loadTime.toMillis() / 1000.0, heapMiB);
      out.printf("GetKey (MS-GKDI over RPC) for online decryption: endpoint mapper on %s:%d%s%n",
          getKey.host(), getKey.epmPort(),
          getKey.epmPort() == 135 ? "" : " (give --rpc-port " + getKey.epmPort() + ")");
      out.printf("LAPS Readers member:  %s (password in %s)%n", DemoTour.READER_DN, passwordFile);
      out.printf("Ordinary user:        cn=Ursula User,ou=People,dc=example,dc=com (user-secret)%n");
      out.printf("Administrator:        %s (%s)%n", StandInDirectory.ADMIN_DN, StandInDirectory.ADMIN_PASSWORD);
      out.println("Connect with, for example:");
      out.printf("  LDAPTLS_CACERT=%s ldapsearch -ZZ -x -H ldap://%s:%d -D '%s' -y %s -b %s"
              + " '(cn=WS-00001)' " + LapsAttribute.LEGACY_PASSWORD.ldapName() + "%n",
          directory.certificateFile(), directory.host(), directory.port(), DemoTour.READER_DN, passwordFile,
          directory.baseDn());
      out.printf("  lapsbridge get-password WS-00001 --host %s --port %d --start-tls --trust-store %s"
              + " --bind-dn '%s' --bind-password-file %s%n",
          directory.host(), directory.port(), directory.certificateFile(), DemoTour.READER_DN, passwordFile);
      out.printf("Graph stand-in for Entra ID on %s: tenant %s, application %s (client secret in"
          + " %s), certificate %s%n", graph.graphUrl(), DemoTenant.TENANT, DemoTenant.APP_ID,
          graphSecret, graph.certificateFile());
      out.printf("  lapsbridge get-password --directory entra %s %s%n", DemoTenant.CLOUD_DEVICE,
          String.join(" ", entraOptions));
      out.flush();

      int status = ExitStatus.OK.code();
      if (!noTour) {
        status = tour(out, err, directory, passwordFile, getKey, entraOptions);
      }
      if (serve) {
        io.lapsbridge.console.Console console = startConsole(out, err, directory, getKey);
        out.println("Serving until Ctrl-C.");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        GetKeyServer served = getKey;
        Path servedPassword = passwordFile;
        GraphStandIn servedGraph = graph;
        Path servedSecret = graphSecret;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          servedGraph.close();
          deleteTree(servedSecret);
          if (console != null) {
            console.close();
          }
          served.close();
          directory.close();
          deleteTree(servedPassword);
          stop.countDown();
        }));
        try {
          stop.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return status;
      }
      return status;
    } finally {
      if (!serve) {
        if (getKey != null) {
          getKey.close();
        }
        if (graph != null) {
          graph.close();
        }
        deleteTree(graphSecret);
        directory.close();
        deleteTree(passwordFile);
      }
    }
  }

  /**
   * The web console over the stand-in (#17): self-signed HTTPS, audit log in a temp folder. A
   * console that cannot start (its port taken) is said on stderr; the directory still serves.
   */
  private io.lapsbridge.console.Console startConsole(PrintWriter out, PrintWriter err,
      StandInDirectory directory, GetKeyServer getKey) throws IOException {
    if (consolePort < 0 || consolePort > 65535) {
      throw new UsageException("--console-port must be between 0 and 65535: " + consolePort);
    }
    Path audit = Files.createTempDirectory("lapsbridge-demo-console-").resolve("audit.jsonl");
    io.lapsbridge.console.Console console;
    try {
      console = io.lapsbridge.console.Console.start(
          new io.lapsbridge.console.ConsoleSettings("127.0.0.1", consolePort,
              io.lapsbridge.console.TlsIdentity.selfSigned(List.of("localhost", "127.0.0.1")),
              new ConnectionSettings(directory.host(), directory.port(),
                  TransportSecurity.START_TLS, null, null, directory.certificateFile(),
                  directory.baseDn(), null),
              io.lapsbridge.usecase.KeySources.Online.at(getKey.epmPort()),
              Duration.ofMinutes(15), Duration.ofHours(8), 10, java.util.Optional.empty(), false,
              java.util.Optional.empty()),
          audit, List.of(), Clock.systemUTC(), problem -> { });
    } catch (IOException e) {
      err.println("lapsbridge: demo: the console did not start (give --console-port): "
          + e.getMessage());
      err.flush();
      return null;
    }
    out.printf("%nHelpdesk console: %s (self-signed certificate; accept it in the browser)%n",
        console.url());
    out.printf("  sign in as the LAPS reader: %s / %s%n", DemoTour.READER_DN,
        DemoTour.READER_PASSWORD);
    out.printf("  or as the ordinary user:    %s / %s (sees \"not authorized\")%n",
        DemoTour.USER_DN, DemoTour.USER_PASSWORD);
    out.printf("  audit log: %s%n", audit);
    return console;
  }

  /** Deletes a work file or folder now, not at exit: an in-process demo leaves nothing behind. */
  private static void deleteTree(Path path) {
    if (path == null) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.walk(path)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Already gone, or under the temp directory where deleteOnExit still applies.
    }
  }

  /** Runs {@link DemoTour} in-process, then reads the estate back. */
  private static int tour(PrintWriter out, PrintWriter err, StandInDirectory directory,
      Path readerPassword, GetKeyServer getKey, List<String> entraOptions)
      throws DirectoryException {
    Path scratch;
    Path adminPassword;
    Path userPassword;
    try {
      scratch = Files.createTempDirectory("lapsbridge-demo-kds-");
      scratch.toFile().deleteOnExit();
      adminPassword = scratch.resolve("admin.pw");
      Files.writeString(adminPassword, StandInDirectory.ADMIN_PASSWORD, StandardCharsets.UTF_8);
      adminPassword.toFile().deleteOnExit();
      userPassword = scratch.resolve("user.pw");
      Files.writeString(userPassword, DemoTour.USER_PASSWORD, StandardCharsets.UTF_8);
      userPassword.toFile().deleteOnExit();
    } catch (IOException e) {
      err.println("lapsbridge: demo: cannot create a scratch folder: " + e.getMessage());
      return ExitStatus.PROBLEM.code();
    }
    try {
      return tour(out, err, directory, readerPassword, getKey, scratch, adminPassword,
          userPassword, entraOptions);
    } finally {
      deleteTree(scratch);
    }
  }

  private static int tour(PrintWriter out, PrintWriter err, StandInDirectory directory,
      Path readerPassword, GetKeyServer getKey, Path scratch, Path adminPassword,
      Path userPassword, List<String> entraOptions) throws DirectoryException {
    Path keys = scratch.resolve("kds-root-keys.json");
    keys.toFile().deleteOnExit();
    Map<DemoTour.Bind, List<String>> connect = Map.of(
        DemoTour.Bind.LAPS_READER, connect(directory, DemoTour.READER_DN, readerPassword),
        DemoTour.Bind.ADMINISTRATOR, connect(directory, StandInDirectory.ADMIN_DN, adminPassword),
        DemoTour.Bind.ORDINARY_USER, connect(directory, DemoTour.USER_DN, userPassword),
        DemoTour.Bind.LAPS_READER_AND_ENTRA, concat(connect(directory, DemoTour.READER_DN,
            readerPassword), entraOptions));
    DemoTour.Online online =
        new DemoTour.Online(getKey.epmPort(), encryptedValueOf(directory, "ENC-WS-02"));
    int worst = 0;
    List<DemoTour.Section> sections =
        new ArrayList<>(DemoTour.sections(directory.baseDn(), keys, online));
    sections.addAll(DemoTour.entraSections(DemoTenant.CLOUD_DEVICE));
    for (DemoTour.Section section : sections) {
      out.println();
      out.println(section.heading());
      for (DemoTour.Step step : section.steps()) {
        out.println();
        out.println("$ lapsbridge " + String.join(" ", step.arguments()) + " "
            + section.elided());
        out.flush();
        List<String> line = new ArrayList<>(step.arguments());
        line.addAll(connect.get(section.bind()));
        int code = Lapsbridge.run(out, err, line.toArray(String[]::new));
        ExitStatus expected =
            switch (step.expect()) {
              case SUCCESS -> ExitStatus.OK;
              case PARTIAL -> ExitStatus.PARTIAL;
              case REFUSED -> ExitStatus.NOT_FOUND;
              case FLAGGED -> ExitStatus.PROBLEM;
            };
        if (code != expected.code()) {
          err.println("lapsbridge: demo step failed with exit " + code);
          worst = Math.max(worst, Math.max(code, 1));
        }
      }
    }
    try {
      Files.deleteIfExists(keys);
    } catch (IOException e) {
      err.println("lapsbridge: demo: delete " + keys + " by hand: " + e.getMessage());
    }
    out.println();
    out.println("Estate summary, read back from the directory:");
    EstateSummary summary = new EstateSummary(Instant.now());
    try (LapsDirectory laps = LapsDirectory.open(new ConnectionSettings(directory.host(),
        directory.port(), TransportSecurity.START_TLS, StandInDirectory.ADMIN_DN,
        Secret.of(StandInDirectory.ADMIN_PASSWORD), directory.certificateFile(),
        directory.baseDn(), null))) {
      laps.forEachComputer(null, summary::add);
    }
    summary.print(out);
    out.flush();
    return worst;
  }

  /** A computer's current encrypted value, base64, read as the administrator. */
  private static String encryptedValueOf(StandInDirectory directory, String computer)
      throws DirectoryException {
    try (LapsDirectory laps = LapsDirectory.open(new ConnectionSettings(directory.host(),
        directory.port(), TransportSecurity.START_TLS, StandInDirectory.ADMIN_DN,
        Secret.of(StandInDirectory.ADMIN_PASSWORD), directory.certificateFile(),
        directory.baseDn(), null))) {
      byte[] value = EncryptedAttributes.read(laps, laps.locate(computer),
          List.of(LapsAttribute.ENCRYPTED_PASSWORD)).get(LapsAttribute.ENCRYPTED_PASSWORD).get(0);
      return java.util.Base64.getEncoder().encodeToString(value);
    }
  }

  private static List<String> connect(StandInDirectory directory, String bindDn,
      Path passwordFile) {
    return List.of("--host", directory.host(), "--port", Integer.toString(directory.port()),
        "--start-tls", "--trust-store", directory.certificateFile().toString(),
        "--bind-dn", bindDn, "--bind-password-file", passwordFile.toString());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> both = new ArrayList<>(a);
    both.addAll(b);
    return both;
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[18];
    new java.security.SecureRandom().nextBytes(bytes);
    return bytes;
  }

  /** A temp file only the owner may read, holding {@code text}; deleted at exit at the latest. */
  private static Path ownerOnlyFile(String prefix, String text) throws IOException {
    Path file;
    try {
      file = Files.createTempFile(prefix, ".secret",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      file = Files.createTempFile(prefix, ".secret");
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }

  private static Path readerPasswordFile() throws IOException {
    Path file;
    try {
      file = Files.createTempFile("lapsbridge-demo-reader-", ".pw",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      file = Files.createTempFile("lapsbridge-demo-reader-", ".pw");
    }
    // No trailing newline: ldapsearch -y sends the file's bytes as they are.
    Files.writeString(file, DemoTour.READER_PASSWORD, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }
}
