package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.ldif.LDIFException;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.lapsbridge.model.Secret;
import io.lapsbridge.testsupport.WatchedDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A private OpenLDAP slapd for ITs: a child process on a free loopback port with a throw-away
 * cn=config and mdb database in a temp directory, StartTLS with a per-start self-signed
 * certificate (openssl), the shipped {@code schema-ldif/openldap/laps-*.ldif} applied exactly
 * as its header tells users to ({@code ldapadd -Y EXTERNAL -H ldapi:/// -f FILE}), and
 * optionally a small estate.
 *
 * <p>slapd runs under a {@code sh} watchdog that holds the JVM's end of a pipe: {@link #close}
 * closes it, and so does the JVM dying for any reason (a failed test, Failsafe's kill), so no
 * slapd outlives the test run. Call {@link #assumeInstalled} first: without slapd, ldap-utils
 * and openssl the ITs are skipped with that reason.
 */
public final class Slapd implements AutoCloseable {
  static final String BASE = "dc=example,dc=com";
  static final String COMPUTERS = "ou=Computers," + BASE;
  /** The database's rootDN: bypasses access control, used for fixtures and checks only. */
  static final String ADMIN_DN = "cn=admin," + BASE;
  /** An ordinary account that access control lets write the LAPS attributes. */
  static final String MIGRATOR_DN = "cn=LAPS Migrator,ou=People," + BASE;
  /** An ordinary account that may read entries but not the LAPS passwords. */
  static final String USER_DN = "cn=Ursula User,ou=People," + BASE;
  /** An account with slapd's bare write privilege ({@code =w}) on the expiries, nothing more. */
  static final String WRITE_ONLY_DN = "cn=Write Only,ou=People," + BASE;

  private static final String ADMIN_PASSWORD = "admin-secret";
  private static final List<String> PASSWORD_ATTRIBUTES = List.of("ms-Mcs-AdmPwd",
      "msLAPS-Password", "msLAPS-EncryptedPassword", "msLAPS-EncryptedPasswordHistory",
      "msLAPS-EncryptedDSRMPassword", "msLAPS-EncryptedDSRMPasswordHistory");

  /**
   * Runs slapd (the arguments) in the background and kills it when stdin reaches end of file:
   * fd 3 keeps the JVM's pipe, since a background job's own stdin is /dev/null.
   */
  private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin",
      "/usr/libexec", "/usr/local/libexec", "/usr/libexec/openldap");
  private static final List<String> SCHEMA_DIRS = List.of("/etc/ldap/schema",
      "/etc/openldap/schema", "/usr/local/etc/openldap/schema");
  private static final List<String> MODULE_DIRS = List.of("/usr/lib/ldap",
      "/usr/lib64/openldap", "/usr/lib/openldap", "/usr/libexec/openldap",
      "/usr/local/libexec/openldap");

  private final Path dir;
  private final Process process;
  private final int port;
  private final long listenMillis;
  private final long readyMillis;

  private Slapd(Path dir, Process process, int port, long listenMillis, long readyMillis) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.listenMillis = listenMillis;
    this.readyMillis = readyMillis;
  }

  /** Skips the calling test class unless slapd, slapadd, ldapadd and openssl are installed. */
  public static void assumeInstalled() {
    List<String> missing = missing();
    Assumptions.assumeTrue(missing.isEmpty(), () -> "OpenLDAP ITs skipped: " + missing
        + " not found (install with: apt-get install slapd ldap-utils openssl)");
  }

  private static List<String> missing() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("slapd", "slapadd", "ldapadd", "openssl")) {
      if (binary(tool).isEmpty()) {
        missing.add(tool);
      }
    }
    if (schemaDir().isEmpty()) {
      missing.add("core.ldif (in " + SCHEMA_DIRS + ")");
    }
    return missing;
  }

  /**
   * Starts slapd with the given shipped LAPS schema files applied in order (names under
   * {@code schema-ldif/openldap/}) and, if {@code estate}, access control, two accounts and
   * {@code ou=Computers} (needs {@code laps-all.ldif}).
   */
  public static Slapd start(List<String> lapsSchemaFiles, boolean estate) throws Exception {
    long begin = System.nanoTime();
    Path dir = Files.createTempDirectory("lapsbridge-slapd-");
    try {
      certificate(dir);
      Path config = Files.createDirectory(dir.resolve("config"));
      Files.createDirectory(dir.resolve("data"));
      Path configLdif = dir.resolve("config.ldif");
      Files.writeString(configLdif, configLdif(dir), StandardCharsets.UTF_8);
      run(dir, List.of(binary("slapadd").orElseThrow().toString(), "-n0", "-F", config.toString(),
          "-l", configLdif.toString()));
      Slapd slapd = null;
      for (int attempt = 1; slapd == null; attempt++) {
        slapd = launch(dir, begin, attempt == 3);
      }
      try {
        slapd.ldapadd(Path.of("test-ldap", "openldap-adlike.ldif"));
        for (String file : lapsSchemaFiles) {
          slapd.ldapadd(Path.of("schema-ldif", "openldap", file));
        }
        if (estate) {
          slapd.ldapadd(slapd.write("acl.ldif", accessControl()));
          slapd.estate();
        }
        return new Slapd(dir, slapd.process, slapd.port, slapd.listenMillis,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
      } catch (Exception | Error e) {
        slapd.close();
        throw e;
      }
    } catch (Exception | Error e) {
      WatchedDaemon.deleteTree(dir);
      throw e;
    }
  }

  /** Starts slapd on a free port; null if the port was taken meanwhile (unless last try). */
  private static Slapd launch(Path dir, long begin, boolean last) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path log = dir.resolve("slapd.log");
    Process process = WatchedDaemon.start(List.of(binary("slapd").orElseThrow().toString(),
        "-d", "stats", "-F", dir.resolve("config").toString(),
        "-h", "ldap://127.0.0.1:" + port + "/ " + ldapiUrl(dir)), log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!last && output.contains("Address already in use")) {
          return null;
        }
        throw new IllegalStateException("slapd exited with " + process.exitValue() + ":\n"
            + output);
      }
      // slapd writes its pid file only after binding its listeners, so a connect from then on
      // reaches slapd, not another process that took the port after the probe released it.
      if (!Files.exists(dir.resolve("slapd.pid"))) {
        Thread.sleep(5);
        continue;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 100);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        return new Slapd(dir, process, port, millis, millis);
      } catch (IOException notYet) {
        Thread.sleep(5);
      }
    }
    process.getOutputStream().close();
    throw new IllegalStateException("slapd did not listen on port " + port + " within 10 s:\n"
        + Files.readString(log, StandardCharsets.UTF_8));
  }

  int port() {
    return port;
  }

  /** Milliseconds from the first file written (certificate, config) to slapd listening. */
  long listenMillis() {
    return listenMillis;
  }

  /** Milliseconds from the first file written to every schema file and fixture loaded. */
  long readyMillis() {
    return readyMillis;
  }

  /** One line for the test log: the measured start times. */
  public String startLine() {
    return "slapd on port " + port + ": listening after " + listenMillis + " ms, schema and"
        + " fixtures loaded after " + readyMillis + " ms";
  }

  Path certificate() {
    return dir.resolve("cert.pem");
  }

  /** slapd's stats log so far (connections, operations and their result codes). */
  String log() throws IOException {
    return Files.readString(dir.resolve("slapd.log"), StandardCharsets.UTF_8);
  }

  /**
   * The result codes slapd logged for each {@code MOD} or {@code SRCH} (the {@code kind}) whose
   * target DN is {@code dn}, in order. Waits up to 5 s for the RESULT lines, which slapd may
   * log just after the client has its answer.
   */
  public List<Integer> results(String kind, String dn) throws IOException, InterruptedException {
    Pattern request = Pattern.compile("conn=(\\d+) op=(\\d+) " + Pattern.quote(kind)
        + " (?:dn|base)=\"([^\"]*)\"");
    Pattern result = Pattern.compile("conn=(\\d+) op=(\\d+) (?:SEARCH )?RESULT .*?err=(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      List<String> ops = new ArrayList<>();
      Map<String, Integer> codes = new HashMap<>();
      for (String line : log().lines().toList()) {
        Matcher m = request.matcher(line);
        if (m.find() && m.group(3).equalsIgnoreCase(dn)) {
          ops.add(m.group(1) + "/" + m.group(2));
        }
        Matcher r = result.matcher(line);
        if (r.find()) {
          codes.put(r.group(1) + "/" + r.group(2), Integer.parseInt(r.group(3)));
        }
      }
      if (codes.keySet().containsAll(ops) || System.nanoTime() > deadline) {
        return ops.stream().map(op -> codes.getOrDefault(op, -1)).toList();
      }
      Thread.sleep(20);
    }
  }

  /** CLI connection options over StartTLS, binding as admin, migrator or user. */
  public List<String> connect(String who) throws IOException {
    Path password = dir.resolve(who + ".pw");
    Files.writeString(password, password(who), StandardCharsets.UTF_8);
    return List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--start-tls",
        "--trust-store", certificate().toString(), "--bind-dn", dn(who), "--bind-password-file",
        password.toString());
  }

  /** A GuardedWriter bound as {@code who} over StartTLS. */
  GuardedWriter writer(String who, int connections) throws Exception {
    return GuardedWriter.open(new ConnectionSettings("127.0.0.1", port,
        TransportSecurity.START_TLS, dn(who), Secret.of(password(who)), certificate(), BASE,
        Duration.ofSeconds(10)), connections, 0);
  }

  /** The rootDN over StartTLS, for fixtures and for checking results. */
  public LDAPConnection admin() throws LDAPException {
    LDAPConnection connection = new LDAPConnection("127.0.0.1", port);
    try {
      SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(certificate().toFile()));
      connection.processExtendedOperation(
          new StartTLSExtendedRequest(ssl.createSSLContext()));
      connection.bind(ADMIN_DN, ADMIN_PASSWORD);
      return connection;
    } catch (GeneralSecurityException e) {
      connection.close();
      throw new IllegalStateException(e);
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Adds a computer (classes user, computer and the shipped auxiliary classes of both families) under
   * {@link #COMPUTERS} with extra LDIF attribute lines; returns its DN.
   */
  public String computer(String name, String... lines) throws LDAPException, LDIFException {
    return computerIn(COMPUTERS, name, lines);
  }

  /** {@link #computer} under {@code ou}. */
  public String computerIn(String ou, String name, String... lines) throws LDAPException, LDIFException {
    String dn = "cn=" + name + "," + ou;
    List<String> all = new ArrayList<>(List.of("dn: " + dn, "objectClass: top",
        "objectClass: user", "objectClass: computer", "objectClass: lapsLegacyComputer",
        "objectClass: lapsWindowsComputer", "cn: " + name,
        "sAMAccountName: " + name + "$"));
    all.addAll(List.of(lines));
    try (LDAPConnection admin = admin()) {
      admin.add(new Entry(all.toArray(String[]::new)));
    }
    return dn;
  }

  /** Adds {@code ou=name} under the base; returns its DN. */
  public String organizationalUnit(String name) throws LDAPException, LDIFException {
    String dn = "ou=" + name + "," + BASE;
    try (LDAPConnection admin = admin()) {
      admin.add(new Entry("dn: " + dn, "objectClass: organizationalUnit", "ou: " + name));
    }
    return dn;
  }

  /** Stops slapd (SIGTERM through the watchdog, then SIGKILL) and deletes its directory. */
  @Override
  public void close() {
    try {
      WatchedDaemon.stop(process, Duration.ofSeconds(10), dir.resolve("slapd.pid"));
    } finally {
      WatchedDaemon.deleteTree(dir);
    }
  }

  private static String dn(String who) {
    return switch (who) {
      case "admin" -> ADMIN_DN;
      case "migrator" -> MIGRATOR_DN;
      case "user" -> USER_DN;
      case "writeonly" -> WRITE_ONLY_DN;
      default -> throw new IllegalArgumentException(who);
    };
  }

  private static String password(String who) {
    dn(who);
    return who + "-secret";
  }

  /** Applies an LDIF file the way the shipped files' header says: SASL EXTERNAL over ldapi. */
  private void ldapadd(Path file) throws IOException, InterruptedException {
    run(dir, List.of(binary("ldapadd").orElseThrow().toString(), "-Q", "-Y", "EXTERNAL", "-H",
        ldapiUrl(dir), "-f", file.toString()));
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private void estate() throws LDAPException, LDIFException {
    try (LDAPConnection admin = admin()) {
      admin.add(new Entry("dn: " + BASE, "objectClass: dcObject", "objectClass: organization",
          "dc: example", "o: Example"));
      for (String ou : List.of("People", "Computers")) {
        admin.add(new Entry("dn: ou=" + ou + "," + BASE, "objectClass: organizationalUnit",
            "ou: " + ou));
      }
      for (String who : List.of("migrator", "user", "writeonly")) {
        String dn = dn(who);
        admin.add(new Entry("dn: " + dn, "objectClass: organizationalRole",
            "objectClass: simpleSecurityObject", "cn: " + dn.substring(3, dn.indexOf(',')),
            "userPassword: " + password(who)));
      }
    }
  }

  /**
   * As on AD: passwords are readable and writable only by the migrator; expiries are readable
   * by every user and writable by the migrator, and by the write-only account with the bare
   * {@code =w} privilege. Added after the LAPS schema, which it names.
   */
  private static String accessControl() {
    String migrator = "by dn.exact=\"" + MIGRATOR_DN + "\" write";
    return "dn: olcDatabase={1}mdb,cn=config\n"
        + "changetype: modify\n"
        + "add: olcAccess\n"
        + "olcAccess: {0}to attrs=userPassword by anonymous auth by * none\n"
        + "olcAccess: {1}to attrs=" + String.join(",", PASSWORD_ATTRIBUTES) + " " + migrator
        + " by * none\n"
        + "olcAccess: {2}to attrs=ms-Mcs-AdmPwdExpirationTime,msLAPS-PasswordExpirationTime "
        + migrator + " by dn.exact=\"" + WRITE_ONLY_DN + "\" =w by users read by * none\n"
        + "olcAccess: {3}to * " + migrator + " by users read by * none\n";
  }

  private static String configLdif(Path dir) throws IOException {
    Object uid = Files.getAttribute(dir, "unix:uid");
    Object gid = Files.getAttribute(dir, "unix:gid");
    Path schemas = schemaDir().orElseThrow();
    StringBuilder ldif = new StringBuilder();
    ldif.append("dn: cn=config\nobjectClass: olcGlobal\ncn: config\n")
        .append("olcPidFile: ").append(dir.resolve("slapd.pid")).append('\n')
        .append("olcTLSCertificateFile: ").append(dir.resolve("cert.pem")).append('\n')
        .append("olcTLSCertificateKeyFile: ").append(dir.resolve("key.pem")).append("\n\n");
    Optional<Path> modules = MODULE_DIRS.stream().map(Path::of)
        .filter(d -> Files.exists(d.resolve("back_mdb.la")) || Files.exists(d.resolve("back_mdb.so")))
        .findFirst();
    // Packaged builds (Debian, RHEL) ship mdb as a module; source builds compile it in.
    modules.ifPresent(d -> ldif.append("dn: cn=module{0},cn=config\nobjectClass: olcModuleList\n")
        .append("cn: module{0}\nolcModulePath: ").append(d).append("\nolcModuleLoad: back_mdb\n\n"));
    ldif.append("dn: cn=schema,cn=config\nobjectClass: olcSchemaConfig\ncn: schema\n\n");
    for (String schema : List.of("core", "cosine", "inetorgperson")) {
      ldif.append("include: file://").append(schemas.resolve(schema + ".ldif")).append("\n\n");
    }
    ldif.append("dn: olcDatabase={-1}frontend,cn=config\nobjectClass: olcDatabaseConfig\n")
        .append("objectClass: olcFrontendConfig\nolcDatabase: {-1}frontend\n\n")
        // Whoever runs the test administers cn=config over ldapi, as root does on a real host.
        .append("dn: olcDatabase={0}config,cn=config\nobjectClass: olcDatabaseConfig\n")
        .append("olcDatabase: {0}config\n")
        .append("olcRootDN: gidNumber=").append(gid).append("+uidNumber=").append(uid)
        .append(",cn=peercred,cn=external,cn=auth\n\n")
        .append("dn: olcDatabase={1}mdb,cn=config\nobjectClass: olcDatabaseConfig\n")
        .append("objectClass: olcMdbConfig\nolcDatabase: {1}mdb\n")
        .append("olcSuffix: ").append(BASE).append('\n')
        .append("olcRootDN: ").append(ADMIN_DN).append('\n')
        .append("olcRootPW: ").append(ADMIN_PASSWORD).append('\n')
        .append("olcDbDirectory: ").append(dir.resolve("data")).append('\n')
        // Throw-away data: no fsync, and a small map.
        .append("olcDbNoSync: TRUE\nolcDbMaxSize: 67108864\n")
        .append("olcDbIndex: objectClass eq\nolcDbIndex: cn eq\n");
    return ldif.toString();
  }

  /** A self-signed P-256 certificate for localhost and 127.0.0.1 (cert.pem, key.pem). */
  private static void certificate(Path dir) throws IOException, InterruptedException {
    run(dir, List.of(binary("openssl").orElseThrow().toString(), "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
        dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()));
  }

  /** Runs a tool to completion; fails with its output if it exits non-zero. */
  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("LDAPNOINIT", "1"); // ignore ~/.ldaprc and /etc/ldap/ldap.conf
    builder.directory(Path.of("").toAbsolutePath().toFile());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output
          + "\n(slapd log in " + dir + ")");
    }
  }

  private static String ldapiUrl(Path dir) {
    return "ldapi://" + URLEncoder.encode(dir.resolve("ldapi").toString(), StandardCharsets.UTF_8);
  }

  /** A tool by name; {@code -Dslapd=PATH} picks the slapd binary (a missing path skips). */
  private static Optional<Path> binary(String name) {
    String chosen = name.equals("slapd") ? System.getProperty("slapd") : null;
    if (chosen != null) {
      return Optional.of(Path.of(chosen)).filter(Files::isExecutable);
    }
    List<String> dirs = new ArrayList<>(List.of(
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
    dirs.addAll(SBIN);
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
        .filter(Files::isExecutable).findFirst();
  }

  private static Optional<Path> schemaDir() {
    return SCHEMA_DIRS.stream().map(Path::of).filter(d -> Files.isReadable(d.resolve("core.ldif")))
        .findFirst();
  }

}
