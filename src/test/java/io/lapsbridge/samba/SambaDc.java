package io.lapsbridge.samba;

import io.lapsbridge.testsupport.WatchedDaemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Samba AD DC (a real Active Directory implementation) for ITs: a fresh forest at
 * domain functional level 2016 provisioned into a temp folder, serving LDAP, LDAPS and Kerberos
 * on 127.0.0.1 only, with its own certificate for localhost/127.0.0.1 and no RPC (port 135 stays
 * free). The forest has no LAPS schema and no LAPS permissions: the tests set them up with
 * lapsbridge itself. Facts and pitfalls: ../shared/reference/samba-ad.md.
 *
 * <p>Provisioning costs about 10 s, so one forest serves the whole test run ({@link #shared});
 * each test class works under its own OU. Samba runs under a {@code sh} watchdog holding the
 * JVM's end of a pipe, so it is stopped by PID when the JVM ends for any reason.
 */
final class SambaDc {
  /** The shared forest's names and address (see {@link Spec#SHARED}). */
  static final String REALM = "SAMBA.TEST";
  static final String DNS_DOMAIN = "samba.test";
  static final String NETBIOS = "SAMBA";
  static final String BASE = "DC=samba,DC=test";
  static final String HOST = "127.0.0.1";

  /**
   * What a forest is provisioned as: its DC's loopback address (each forest needs its own, as
   * the ports are fixed), realm, NetBIOS name and functional level ({@code 2016} or
   * {@code 2008_R2}, Samba's default).
   *
   * @param host the loopback address the DC serves on
   * @param realm the Kerberos realm, the DNS domain in capitals
   * @param netbios the NetBIOS domain name
   * @param functionLevel the forest and domain functional level
   */
  record Spec(String host, String realm, String netbios, String functionLevel) {
    /** The forest every Samba IT shares unless it needs a forest of its own. */
    static final Spec SHARED = new Spec(HOST, REALM, NETBIOS, "2016");

    String dnsDomain() {
      return realm.toLowerCase(java.util.Locale.ROOT);
    }

    String base() {
      return "DC=" + String.join(",DC=", dnsDomain().split("\\."));
    }
  }
  /** LDAP and LDAPS are fixed per address; the KDC port is Samba's default too. */
  private static final List<Integer> PORTS = List.of(389, 636, 88);

  /** Kills samba (the arguments) when the JVM's pipe on stdin closes; see Slapd. */
  private static SambaDc shared;
  private static RuntimeException failedStart;

  private final Spec spec;
  private final Path dir;
  private final String adminPassword;
  private final Process process;
  private final long provisionMillis;
  private long startMillis;

  private SambaDc(Spec spec, Path dir, String adminPassword, Process process,
      long provisionMillis) {
    this.spec = spec;
    this.dir = dir;
    this.adminPassword = adminPassword;
    this.process = process;
    this.provisionMillis = provisionMillis;
  }

  /**
   * The forest of this test run, provisioned and started on first use. Skips the calling test
   * (JUnit assumption) when Samba, root or the fixed ports are missing.
   */
  // The first failure is kept so every later class fails at once with its cause, not a new try.
  @SuppressWarnings("StaticAssignmentOfThrowable")
  static synchronized SambaDc shared() {
    if (shared != null) {
      return shared;
    }
    if (failedStart != null) {
      throw failedStart;
    }
    assumeAvailable(Spec.SHARED);
    try {
      shared = provisionAndStart(Spec.SHARED);
    } catch (Exception e) {
      failedStart = new IllegalStateException("the Samba AD DC did not start", e);
      throw failedStart;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    return shared;
  }

  /**
   * A forest of its own for a test that needs a second forest or a deliberately different one
   * (another address, realm or functional level); the caller stops it. Skips like
   * {@link #shared}.
   */
  static SambaDc start(Spec spec) throws Exception {
    assumeAvailable(spec);
    SambaDc dc = provisionAndStart(spec);
    Runtime.getRuntime().addShutdownHook(new Thread(dc::stop));
    return dc;
  }

  /**
   * Skips unless this is root with samba, samba-tool and openssl, the address is on the loopback
   * interface (added when missing: Samba binds only to addresses an interface holds), and
   * 389/636/88 are free on it.
   */
  static void assumeAvailable(Spec spec) {
    List<String> missing = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      missing.add("root (Samba's DC refuses to run as another user)");
    }
    for (String tool : List.of("samba", "samba-tool", "openssl")) {
      if (Tools.binary(tool).isEmpty()) {
        missing.add(tool);
      }
    }
    if (missing.isEmpty() && !onLoopback(spec.host())) {
      missing.add("address " + spec.host() + " on lo (ip addr add " + spec.host() + "/8 dev lo)");
    }
    for (int port : PORTS) {
      if (!free(spec.host(), port)) {
        missing.add("free port " + port + " on " + spec.host());
      }
    }
    Assumptions.assumeTrue(missing.isEmpty(), () -> "Samba AD ITs skipped: missing " + missing
        + " (install Samba 4.22 from bookworm-backports as .ci/run does, and run as root)");
  }

  /** Whether lo holds {@code host}, adding it (as root) when it does not. */
  private static boolean onLoopback(String host) {
    try {
      if (java.net.NetworkInterface.getByInetAddress(InetAddress.getByName(host)) != null) {
        return true;
      }
      Tools.run(Path.of("/"), List.of(Tools.binary("ip").orElseThrow().toString(), "addr", "add",
          host + "/8", "dev", "lo"), null);
      return java.net.NetworkInterface.getByInetAddress(InetAddress.getByName(host)) != null;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean free(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static SambaDc provisionAndStart(Spec spec) throws Exception {
    long begin = System.nanoTime();
    Path dir = Files.createTempDirectory("lapsbridge-samba-");
    String adminPassword = "Adm1n-" + randomHex(12);
    List<String> provision = new ArrayList<>(List.of(
        Tools.binary("samba-tool").orElseThrow().toString(), "domain", "provision",
        "--realm=" + spec.realm(), "--domain=" + spec.netbios(), "--adminpass=" + adminPassword,
        "--server-role=dc", "--dns-backend=NONE", "--targetdir=" + dir.resolve("prefix"),
        "--host-name=dc1", "--function-level=" + spec.functionLevel(),
        "--option=interfaces=" + spec.host() + "/8", "--option=bind interfaces only=yes"));
    if (spec.functionLevel().equals("2016")) {
      // The DC's own level must allow the forest's (Samba 4.22 defaults it to 2008 R2).
      provision.add("--option=ad dc functional level = 2016");
    }
    Tools.run(dir, provision, adminPassword);
    certificate(dir, spec.host(), spec.dnsDomain());
    SambaConfig.confine(dir, spec);
    long provisioned = System.nanoTime();
    Process process = launch(dir);
    SambaDc dc = new SambaDc(spec, dir, adminPassword, process,
        TimeUnit.NANOSECONDS.toMillis(provisioned - begin));
    try {
      dc.awaitRootDse();
      dc.startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - provisioned);
      // GSSAPI to ldap://127.0.0.1 asks for ldap/127.0.0.1; the JDK may canonicalise the
      // address to localhost first.
      dc.sambaTool("spn", "add", "ldap/" + spec.host(), "DC1$");
      dc.sambaTool("spn", "add", "ldap/localhost", "DC1$");
      return dc;
    } catch (Exception | Error e) {
      dc.stop();
      throw e;
    }
  }

  private static Process launch(Path dir) throws IOException {
    return WatchedDaemon.start(List.of(Tools.binary("samba").orElseThrow().toString(),
        "-s", config(dir).toString(), "--foreground", "--no-process-group"),
        dir.resolve("samba.out"));
  }

  /** Polls the root DSE over LDAPS until Samba answers (usually within 2 s). */
  private void awaitRootDse() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("samba exited with " + process.exitValue() + ":\n"
            + Files.readString(dir.resolve("samba.out"), StandardCharsets.UTF_8));
      }
      try (var connection = SambaLdap.anonymous(this)) {
        if (connection.getRootDSE() != null) {
          return;
        }
      } catch (Exception notYet) {
        last = notYet;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("samba did not answer on " + spec.host() + ":636 within 60 s",
        last);
  }

  /**
   * A self-signed P-256 certificate with SANs for localhost, the DC's address and its DNS name
   * ({@code dc1.DOMAIN}, the name SRV discovery connects by), as a DC's certificate names it.
   */
  private static void certificate(Path dir, String host, String dnsDomain)
      throws IOException, InterruptedException {
    Tools.run(dir, List.of(Tools.binary("openssl").orElseThrow().toString(), "req", "-x509",
        "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj",
        "/CN=localhost", "-addext",
        "subjectAltName=DNS:localhost,DNS:dc1." + dnsDomain + ",IP:" + host, "-keyout",
        dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()), null);
    // Samba refuses a key file that others may read.
    Files.setPosixFilePermissions(dir.resolve("key.pem"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  static Path config(Path dir) {
    return dir.resolve("prefix/etc/smb.conf");
  }

  /** Runs {@code samba-tool ARGS} as Administrator against the running DC. */
  String sambaTool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Tools.binary("samba-tool").orElseThrow().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-s", config(dir).toString(), "-H", "ldap://" + spec.host(),
        "-U", "Administrator%" + adminPassword));
    return Tools.run(dir, command, adminPassword);
  }

  /** Runs a local samba-tool command (no server connection), such as exportkeytab. */
  String sambaToolLocal(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Tools.binary("samba-tool").orElseThrow().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-s", config(dir).toString()));
    return Tools.run(dir, command, adminPassword);
  }

  Spec spec() {
    return spec;
  }

  Path dir() {
    return dir;
  }

  Path certificate() {
    return dir.resolve("cert.pem");
  }

  Path krb5Conf() {
    return dir.resolve("krb5.conf");
  }

  String adminPassword() {
    return adminPassword;
  }

  /** The domain's Administrator (Domain, Enterprise and Schema Admins), for the CLI. */
  Account administrator() {
    Path file = dir.resolve("passwords/Administrator");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, adminPassword + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Account("Administrator", "CN=Administrator,CN=Users," + spec.base(), file,
        spec);
  }

  /** One line for the test log: the measured provisioning and start times. */
  String startLine() {
    return "Samba AD DC " + spec.realm() + " on " + spec.host() + " in " + dir + ": provisioned in " + provisionMillis
        + " ms, answering after another " + startMillis + " ms";
  }

  /** Stops samba by PID (through the watchdog, then its pid file) and deletes the folder. */
  synchronized void stop() {
    try {
      WatchedDaemon.stop(process, Duration.ofSeconds(20), dir.resolve("run/samba.pid"));
    } finally {
      WatchedDaemon.deleteTree(dir);
    }
  }

  static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

}
