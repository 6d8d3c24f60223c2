package io.lapsbridge.cli;

import io.lapsbridge.directory.ConnectionSettings;
import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsDirectory;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.embedded.SampleEstate;
import io.lapsbridge.embedded.ShippedLdif;
import io.lapsbridge.embedded.StandInConfig;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.embedded.StandInException;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Secret;
import io.lapsbridge.wire.LapsAttribute;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
  static final String READER_DN = "cn=Helen Desk,ou=People,dc=example,dc=com";
  static final String READER_PASSWORD = "reader-secret";

  @Spec CommandSpec spec;

  @Option(names = "--serve", description = "Keep the directory running until Ctrl-C.")
  boolean serve;

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
    try {
      Map<SampleEstate.State, Integer> generated = new TreeMap<>();
      SampleEstate estate =
          new SampleEstate(ShippedLdif.BASE_DN, new SplittableRandom(seed), Clock.systemUTC());
      StandInException[] failure = new StandInException[1];
      estate.generate(
          computers,
          computer -> {
            if (failure[0] == null) {
              try {
                directory.add(computer);
                generated.merge(computer.state(), 1, Integer::sum);
              } catch (StandInException e) {
                failure[0] = e;
              }
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
      Duration loadTime = Duration.ofNanos(System.nanoTime() - started);
      Runtime runtime = Runtime.getRuntime();
      // Collect first so that the figure is the live heap, not garbage awaiting collection.
      runtime.gc();
      long heapMiB = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
      Path passwordFile = readerPasswordFile();

      out.printf("Stand-in directory for AD on ldap://%s:%d (StartTLS) and ldaps://%s:%d, base %s%n",
          directory.host(), directory.port(), directory.host(), directory.ldapsPort(),
          directory.baseDn());
      out.printf("Its self-signed certificate (for --trust-store): %s%n", directory.certificateFile());
      out.printf("Loaded %d computers in %.1f s; live heap after GC %d MiB.%n",
          computers, loadTime.toMillis() / 1000.0, heapMiB);
      out.printf("LAPS Readers member:  %s (password in %s)%n", READER_DN, passwordFile);
      out.printf("Ordinary user:        cn=Ursula User,ou=People,dc=example,dc=com (user-secret)%n");
      out.printf("Administrator:        %s (%s)%n", StandInDirectory.ADMIN_DN, StandInDirectory.ADMIN_PASSWORD);
      out.println("Connect with, for example:");
      out.printf("  LDAPTLS_CACERT=%s ldapsearch -ZZ -x -H ldap://%s:%d -D '%s' -y %s -b %s"
              + " '(cn=WS-00001)' " + LapsAttribute.LEGACY_PASSWORD.ldapName() + "%n",
          directory.certificateFile(), directory.host(), directory.port(), READER_DN, passwordFile,
          directory.baseDn());
      out.printf("  lapsbridge get-password WS-00001 --host %s --port %d --start-tls --trust-store %s"
              + " --bind-dn '%s' --bind-password-file %s%n",
          directory.host(), directory.port(), directory.certificateFile(), READER_DN, passwordFile);
      out.flush();

      int status = ExitStatus.OK.code();
      if (!noTour) {
        status = tour(out, err, directory, passwordFile);
      }
      if (serve) {
        out.println("Serving until Ctrl-C.");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          directory.close();
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
        directory.close();
      }
    }
  }

  private int tour(PrintWriter out, PrintWriter err, StandInDirectory directory, Path passwordFile)
      throws DirectoryException {
    String[] connect = {
      "--host", directory.host(), "--port", Integer.toString(directory.port()), "--start-tls",
      "--trust-store", directory.certificateFile().toString(),
      "--bind-dn", READER_DN, "--bind-password-file", passwordFile.toString()
    };
    String legacy = SampleEstate.nameOf(indexOf(SampleEstate.State.LEGACY_ONLY));
    String windows = SampleEstate.nameOf(indexOf(SampleEstate.State.WINDOWS_CLEARTEXT));
    String[][] steps = {
      {"schema", "check"},
      {"get-password", legacy},
      {"get-password", windows},
      {"reset-password", legacy},
      {"get-password", legacy, "--format", "json"},
    };
    int worst = 0;
    out.println();
    out.println("Tour, as the LAPS Readers member over StartTLS:");
    for (String[] step : steps) {
      worst = Math.max(worst, step(out, err, step, connect, 0));
    }
    worst = Math.max(worst, encryptedTour(out, err, directory, connect));
    worst = Math.max(worst, permissionsTour(out, err, directory));
    out.println();
    out.println("Estate summary, read back from the directory:");
    printSummary(out, directory);
    out.flush();
    return worst;
  }

  private static int step(
      PrintWriter out, PrintWriter err, String[] step, String[] connect, int expected) {
    out.println();
    out.println("$ lapsbridge " + String.join(" ", step) + " <connection options above>");
    out.flush();
    int code = Lapsbridge.run(out, err, concat(step, connect));
    if (code != expected) {
      err.println("lapsbridge: demo step failed with exit " + code);
      return Math.max(code, 1);
    }
    return 0;
  }

  /**
   * Encrypted Windows LAPS: the administrator lists and exports the KDS root keys, then the LAPS
   * reader decrypts with the exported file: a current password with its history, a history in
   * which one value is damaged and one needs a root key the forest no longer has (exit 6, the
   * others still print), and a domain controller's DSRM password with its history.
   */
  private static int encryptedTour(
      PrintWriter out, PrintWriter err, StandInDirectory directory, String[] readerConnect) {
    Path work;
    Path adminPassword;
    try {
      work = Files.createTempDirectory("lapsbridge-demo-kds-");
      work.toFile().deleteOnExit();
      adminPassword = work.resolve("admin.pw");
      Files.writeString(adminPassword, StandInDirectory.ADMIN_PASSWORD, StandardCharsets.UTF_8);
      adminPassword.toFile().deleteOnExit();
    } catch (IOException e) {
      err.println("lapsbridge: demo: cannot create a scratch folder: " + e.getMessage());
      return ExitStatus.PROBLEM.code();
    }
    Path keys = work.resolve("kds-root-keys.json");
    keys.toFile().deleteOnExit();
    String[] adminConnect = {
      "--host", directory.host(), "--port", Integer.toString(directory.port()), "--start-tls",
      "--trust-store", directory.certificateFile().toString(),
      "--bind-dn", StandInDirectory.ADMIN_DN, "--bind-password-file", adminPassword.toString()
    };
    int worst = 0;
    out.println();
    out.println("Encrypted passwords. As the administrator (the only bind that may read"
        + " msKds-RootKeyData):");
    worst = Math.max(worst, step(out, err, new String[] {"kds", "list"}, adminConnect, 0));
    worst = Math.max(worst, step(out, err,
        new String[] {"kds", "export", "--out", keys.toString()}, adminConnect, 0));
    out.println();
    out.println("As the LAPS reader, with the exported keys (values made by our encryptor):");
    String keyFile = keys.toString();
    worst = Math.max(worst, step(out, err,
        new String[] {"get-password", "ENC-WS-01", "--history", "--kds-key-file", keyFile},
        readerConnect, 0));
    worst = Math.max(worst, step(out, err,
        new String[] {"get-password", "ENC-WS-02", "--history", "--kds-key-file", keyFile},
        readerConnect, ExitStatus.PARTIAL.code()));
    worst = Math.max(worst, step(out, err,
        new String[] {"get-password", "DC1", "--dsrm", "--kds-key-file", keyFile},
        readerConnect, 0));
    try {
      Files.deleteIfExists(keys);
    } catch (IOException e) {
      err.println("lapsbridge: demo: delete " + keys + " by hand: " + e.getMessage());
    }
    return worst;
  }

  /**
   * Delegation needs the administrator: grant both families on the Workstations OU, then audit
   * it. The audit lists the granted group, the fixture's inherited and default holders, and the
   * hidden All Extended Rights holder planted in fixture-security.ldif.
   */
  private int permissionsTour(PrintWriter out, PrintWriter err, StandInDirectory directory) {
    Path adminPassword;
    try {
      adminPassword = Files.createTempFile("lapsbridge-demo-admin-", ".pw");
      Files.writeString(adminPassword, StandInDirectory.ADMIN_PASSWORD, StandardCharsets.UTF_8);
      adminPassword.toFile().deleteOnExit();
    } catch (IOException e) {
      err.println("lapsbridge: demo cannot write the administrator password file: " + e.getMessage());
      return ExitStatus.PROBLEM.code();
    }
    String[] connect = {
      "--host", directory.host(), "--port", Integer.toString(directory.port()), "--start-tls",
      "--trust-store", directory.certificateFile().toString(),
      "--bind-dn", StandInDirectory.ADMIN_DN, "--bind-password-file", adminPassword.toString()
    };
    String workstations = "ou=Workstations,ou=Computers," + directory.baseDn();
    String[][] steps = {
      {"permissions", "grant-self", "--ou", workstations},
      {"permissions", "grant-read", "--ou", workstations, "--principal", "EXAMPLE\\LAPS Readers"},
      {"permissions", "grant-read", "--ou", workstations, "--principal", "EXAMPLE\\LAPS Readers"},
      {"permissions", "audit", "--base-dn", workstations},
    };
    int worst = 0;
    out.println();
    out.println("Delegation, as the administrator (the second grant adds nothing):");
    for (String[] step : steps) {
      out.println();
      out.println("$ lapsbridge " + String.join(" ", step) + " <administrator connection options>");
      out.flush();
      int code = Lapsbridge.run(out, err, concat(step, connect));
      err.flush();
      if (code != 0) {
        err.println("lapsbridge: demo step failed with exit " + code);
        worst = Math.max(worst, code);
      }
    }
    return worst;
  }

  /** The first computer of the sample estate in {@code state}. */
  private static int indexOf(SampleEstate.State state) {
    int index = 0;
    while (SampleEstate.stateOf(index) != state) {
      index++;
    }
    return index;
  }

  private static void printSummary(PrintWriter out, StandInDirectory directory)
      throws DirectoryException {
    Map<String, Integer> counts = new TreeMap<>();
    ConnectionSettings admin =
        new ConnectionSettings(
            directory.host(), directory.port(), TransportSecurity.START_TLS,
            StandInDirectory.ADMIN_DN, Secret.of(StandInDirectory.ADMIN_PASSWORD),
            directory.certificateFile(), directory.baseDn(), null);
    try (LapsDirectory laps = LapsDirectory.open(admin)) {
      laps.forEachComputer(null, record -> {
        String state;
        if (!record.problems().isEmpty()) {
          state = "malformed";
        } else if (record.has(io.lapsbridge.wire.LapsAttribute.ENCRYPTED_PASSWORD)
            || record.has(io.lapsbridge.wire.LapsAttribute.ENCRYPTED_DSRM_PASSWORD)) {
          state = "windows encrypted";
        } else if (record.uses(AttributeFamily.LEGACY) && record.uses(AttributeFamily.WINDOWS)) {
          state = "both families";
        } else if (record.uses(AttributeFamily.LEGACY)) {
          state = expired(record.legacyExpiration()) ? "legacy expired" : "legacy only";
        } else if (record.uses(AttributeFamily.WINDOWS)) {
          state = expired(record.windowsExpiration()) ? "windows expired" : "windows cleartext";
        } else {
          state = "neither";
        }
        counts.merge(state, 1, Integer::sum);
      });
    }
    counts.forEach((state, count) -> out.printf("  %-18s %6d%n", state, count));
  }

  private static boolean expired(java.util.Optional<io.lapsbridge.model.FileTime> expiry) {
    return expiry.map(e -> e.isBefore(java.time.Instant.now())).orElse(true);
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
    Files.writeString(file, READER_PASSWORD, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
