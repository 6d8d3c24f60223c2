package io.lapsbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import io.lapsbridge.migration.Journal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every package rule of docs/architecture.md, in one place.
 *
 * <p>{@link #MAY_IMPORT} is the table of the doc: one entry per package, naming what it may
 * import. A name without dots at the end is one of our packages relative to {@code io.lapsbridge}
 * (or one class, such as {@code wire.LapsAttribute}); a name ending in {@code ..} or naming a JDK
 * package is an external package pattern in ArchUnit's syntax. A package always may use itself.
 * A class belongs to the most specific entry that contains it, so {@code migration} does not
 * cover {@code migration.apply}. Every main class must belong to an entry: a new package adds
 * one line here and one row in the doc.
 *
 * <p>Below the table: the cycle checks, the confinement of each library to its packages
 * (implied by the table, but stated for a clear message), and the rules an allow-list cannot say.
 * Rules the table implies, as no row lists the package: nothing but {@code cli} uses {@code cli}
 * or {@code usecase}; only {@code cli} and {@code usecase} use {@code keyfile}; only {@code cli},
 * {@code usecase} and {@code report} use {@code decryption}; only {@code cli} and {@code usecase}
 * use {@code report}; {@code directory} and {@code embedded} never use each other; the engines
 * never reach up into {@code migration.apply}, {@code platform}, {@code directory} or {@code cli};
 * {@code crypto} opens no files ({@code java.nio.file} is not in its row).
 *
 * <p>To add a package: one {@code row(...)} in {@link #MAY_IMPORT}, in the doc's order, and, if
 * it owns a library, its name in {@link #CONFINED}.
 */
class ArchitectureTest {
  // External package groups, named once.
  private static final String JDK = "java..";
  private static final String JAVAX = "javax..";
  private static final String[] JDK_PURE = {"java.lang..", "java.util.."};
  private static final String JACKSON = "com.fasterxml.jackson..";
  private static final String UNBOUNDID = "com.unboundid..";
  private static final String BOUNCYCASTLE = "org.bouncycastle..";
  private static final String BOUNCYCASTLE_ASN1 = "org.bouncycastle.asn1..";
  /** MD4 for the NT hash, in {@code crypto.NtHash} only: no JDK provider registers it. */
  private static final String BOUNCYCASTLE_MD4 = "org.bouncycastle.crypto.digests";
  private static final String[] APACHEDS = {"org.apache.directory..", "org.apache.mina.."};
  private static final String JNA = "com.sun.jna..";
  private static final String PICOCLI = "picocli..";
  /** The JDK's GSS-API (module java.security.jgss), for Kerberos failure reasons. */
  private static final String JGSS = "org.ietf.jgss..";
  /** Line editing and completion for {@code lapsbridge shell}. */
  private static final String JLINE = "org.jline..";
  /** MSAL for Java, the identity platform's client (#16). */
  private static final String MSAL = "com.microsoft.aad.msal4j..";
  /** The JDK's HTTP server, for the Graph stand-in. */
  private static final String JDK_HTTP_SERVER = "com.sun.net.httpserver..";
  /** The console's web server and templates (#17). */
  private static final String JAVALIN = "io.javalin..";
  private static final String JETTY = "org.eclipse.jetty..";
  private static final String JTE = "gg.jte..";
  /** The servlet API under Javalin's Context (headers a response sends more than once). */
  private static final String SERVLET = "jakarta.servlet..";
  /** For {@code cli}: every package of ours. */
  private static final String EVERYTHING = "*";

  /** docs/architecture.md, "Packages": package -> what it may import. */
  static final Map<String, List<String>> MAY_IMPORT = table(
      row("model", JDK),
      row("wire", "model", "com.fasterxml.jackson.core..", JDK),
      row("policy", "model", "wire.LapsAttribute", JDK_PURE),
      row("password", "model", JDK),
      row("gpo", "model", "policy", JDK_PURE, "java.io", "java.nio", "java.nio.charset"),
      row("security", "model", "wire", JDK),
      row("crypto", "model", "wire", BOUNCYCASTLE_ASN1, BOUNCYCASTLE_MD4, JDK_PURE, "java.io",
          "java.math", "java.nio", "java.nio.charset", "java.security..", "java.time..",
          "javax.crypto.."),
      row("migration", "model", "wire", "policy", "gpo", JACKSON, JDK_PURE, "java.time..",
          "java.security..", "java.io..", "java.nio.charset.."),
      row("migration.apply", "migration", JDK_PURE, "java.time..", "java.security..",
          "java.io..", "java.nio.charset.."),
      row("rotation", "model", "policy", "password", "wire.LapsAttribute", JDK_PURE,
          "java.time.."),
      row("platform", JDK),
      row("platform.file", "model", "policy", JACKSON, JDK),
      row("platform.journal", "model", "rotation", "migration.apply", JACKSON, JDK),
      row("platform.linux", "model", "policy", "rotation", JDK),
      row("platform.windows", "model", "policy", "rotation", JNA, JDK),
      row("rpc", "model", "wire", "crypto", JDK),
      row("rpc.ntlm", "rpc", "model", "wire", "crypto", JDK, "javax.crypto.."),
      row("rpc.dce", "rpc", "rpc.ntlm", "wire", JDK),
      row("rpc.epm", "rpc", "rpc.dce", "wire", JDK),
      row("rpc.gkdi", "rpc", "rpc.dce", "rpc.epm", "rpc.ntlm", "model", "wire", "crypto", JDK),
      row("directory", "model", "wire", "policy", "password", "gpo", "security", "crypto",
          "migration", "migration.apply", "rotation", "directory.schema", UNBOUNDID, JDK, JAVAX,
          JGSS),
      row("directory.schema", "model", "wire", UNBOUNDID, JDK),
      row("keyfile", "model", "wire", "crypto", JACKSON, JDK),
      row("config", "model", "directory.ConnectionSettings", "directory.TransportSecurity",
          "directory.KerberosLogin", "directory.DcLocator",
          "directory.AgentConnection", "directory.MachineBind", "entra.EntraSettings",
          "entra.EntraCredential", JDK),
      row("agent", "model", "policy", "gpo", "password", "crypto", "rotation", "platform.file",
          "platform.journal", "platform.linux", "platform.windows", "directory", "keyfile",
          "config", "rpc", "rpc.gkdi", "rpc.ntlm", JDK),
      row("embedded", "model", "wire", "password", "crypto", "security", "embedded.gkdi",
          APACHEDS, JDK, JAVAX),
      row("embedded.gkdi", "model", "wire", "crypto", "security", "rpc", "rpc.dce", "rpc.epm",
          "rpc.gkdi", "rpc.ntlm", JDK),
      row("entra", "model", JACKSON, MSAL, JDK, JAVAX),
      row("embedded.entra", "model", "embedded.StandInCertificate", "embedded.StandInException",
          "com.fasterxml.jackson.core..", JDK_HTTP_SERVER, JDK, JAVAX),
      row("decryption", "model", "crypto", "directory", JDK_PURE),
      row("doctor", "model", "wire", "policy", "gpo", "security", "directory", JDK_PURE,
          "java.time.."),
      row("report", "model", "wire", "policy", "migration", "migration.apply", "directory",
          "crypto", "decryption", "doctor", "entra", JACKSON, JDK_PURE, "java.io..",
          "java.time.."),
      row("usecase", "model", "wire", "security", "crypto", "gpo", "migration",
          "migration.apply", "directory", "decryption", "keyfile", "platform.journal", "report",
          "rpc", "rpc.gkdi", "doctor", "entra", JDK),
      row("shell", "model", "directory", "decryption", "migration", "report", "usecase", JLINE,
          JDK),
      row("console", "model", "wire", "directory", "decryption", "report", "usecase",
          "console.audit", JAVALIN, JETTY, JTE, SERVLET, JACKSON, JDK, JAVAX),
      row("console.audit", JACKSON, JDK),
      row("cli", EVERYTHING, PICOCLI, JDK, JAVAX));

  /** Each library and the only packages (with their subpackages) that may import it. */
  static final Map<String, List<String>> CONFINED = Map.of(
      PICOCLI, List.of("cli"),
      BOUNCYCASTLE, List.of("crypto"),
      UNBOUNDID, List.of("directory"),
      APACHEDS[0], List.of("embedded"),
      APACHEDS[1], List.of("embedded"),
      JNA, List.of("platform.windows"),
      JLINE, List.of("shell"),
      // "Where JSON belongs": a package that owns a file, wire or output format.
      JACKSON, List.of("wire", "keyfile", "migration", "platform.file", "platform.journal",
          "report", "entra", "embedded.entra", "console"),
      MSAL, List.of("entra"));

  private static final String BASE = "io.lapsbridge.";
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = MainClasses.all();
  }

  static Stream<String> packages() {
    return MAY_IMPORT.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packages")
  void importsOnlyItsAllowList(String pkg) {
    List<String> allowed = MAY_IMPORT.get(pkg);
    List<String> external = new ArrayList<>();
    List<String> ours = new ArrayList<>(List.of(pkg));
    for (String entry : allowed) {
      (isExternal(entry) ? external : ours).add(entry);
    }
    DescribedPredicate<JavaClass> target = JavaClass.Predicates.resideInAnyPackage(
        external.toArray(String[]::new));
    if (ours.contains(EVERYTHING)) {
      target = target.or(JavaClass.Predicates.resideInAPackage("io.lapsbridge.."));
    } else {
      target = target.or(ownedByAnyOf(ours));
    }
    classes().that(ownedByAnyOf(List.of(pkg)))
        .should().onlyDependOnClassesThat(target)
        .because("docs/architecture.md: " + pkg + " may import " + allowed)
        .check(main);
  }

  @Test
  void everyPackageHasAnAllowList() {
    classes().that().resideInAPackage("io.lapsbridge..")
        .should(ArchConditions.be(new DescribedPredicate<JavaClass>("in a package of the table") {
          @Override
          public boolean test(JavaClass c) {
            return owner(c) != null;
          }
        }))
        .because("a new package gets a row in docs/architecture.md and in MAY_IMPORT")
        .check(main);
  }

  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching("io.lapsbridge.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void everyPackageIsFreeOfCycles() {
    slices().matching("io.lapsbridge.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void eachLibraryStaysInItsPackage() {
    CONFINED.forEach((library, owners) -> noClasses()
        .that().resideOutsideOfPackages(
            owners.stream().map(p -> BASE + p + "..").toArray(String[]::new))
        .should().dependOnClassesThat().resideInAPackage(library)
        .because(library + " belongs to " + owners)
        .check(main));
  }

  /** The web server, its servlet API and the templates belong to the console (#17). */
  @Test
  void webLibrariesStayInTheConsole() {
    for (String library : List.of(JAVALIN, JETTY, JTE, SERVLET)) {
      noClasses().that().resideOutsideOfPackages(BASE + "console..")
          .should().dependOnClassesThat().resideInAPackage(library)
          .because(library + " belongs to [console]")
          .check(main);
    }
  }

  /** The command line parses, wires and prints; pools, sleeps and schedules are engines'. */
  @Test
  void cliHasNoThreadPoolsOrSchedulers() {
    noClasses().that().resideInAPackage(BASE + "cli..")
        .should().dependOnClassesThat().haveFullyQualifiedName(
            "java.util.concurrent.ExecutorService")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(
            "java.util.concurrent.ScheduledExecutorService")
        .orShould().dependOnClassesThat().haveFullyQualifiedName(
            "java.util.concurrent.ForkJoinPool")
        .orShould().callMethod(Thread.class, "sleep", long.class)
        .check(main);
  }

  /** The migration journal is written only by the applier, through the journal port. */
  @Test
  void cliKeepsNoJournal() {
    noClasses().that().resideInAPackage(BASE + "cli..")
        .should().callMethod(Journal.class, "start", int.class)
        .orShould().callMethod(Journal.class, "end", int.class, Journal.Outcome.class,
            String.class)
        .check(main);
  }

  /**
   * Passwords never reach the migration engine: it decides mirrors, refreshes and group scopes
   * from facts the directory adapter extracted.
   */
  @Test
  void migrationNeverHoldsAPassword() {
    noClasses().that().resideInAPackage(BASE + "migration..")
        .should().dependOnClassesThat().haveFullyQualifiedName(BASE + "model.Secret")
        .orShould().dependOnClassesThat()
        .haveFullyQualifiedName(BASE + "wire.WindowsLapsPasswordJson")
        .check(main);
  }

  /** java.io is allowed in migration for readers and writers it is given, not for files. */
  @Test
  void migrationOpensNoFiles() {
    noClasses().that().resideInAPackage(BASE + "migration..")
        .should().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .check(main);
  }

  /** Only the command line composes the agent; settings are resolved for it and the agent. */
  @Test
  void onlyTheCommandLineUsesTheAgentAndItsSettings() {
    noClasses().that().resideOutsideOfPackages(BASE + "cli..", BASE + "agent..")
        .should().dependOnClassesThat().resideInAPackage(BASE + "agent..")
        .check(main);
    noClasses().that().resideOutsideOfPackages(BASE + "cli..", BASE + "agent..", BASE + "config..")
        .should().dependOnClassesThat().resideInAPackage(BASE + "config..")
        .check(main);
  }

  /** Use cases hand warnings to the consumer the command passes; stdout and stderr are cli's. */
  /** BouncyCastle beyond ASN.1 is MD4, and only the NT hash uses it. */
  @Test
  void onlyTheNtHashUsesBouncyCastleBeyondAsn1() {
    noClasses().that().resideInAPackage(BASE + "crypto..")
        .and().doNotHaveFullyQualifiedName(BASE + "crypto.NtHash")
        .should().dependOnClassesThat().resideInAPackage("org.bouncycastle.crypto..")
        .check(main);
  }

  /**
   * RPC is spoken by {@code rpc}; the stand-in serves it, the use cases and the agent (the group
   * public key, #14) ask with it, and the command line wires it.
   */
  @Test
  void onlyRpcTheStandInTheUseCasesTheAgentAndTheCommandLineUseRpc() {
    noClasses().that().resideOutsideOfPackages(BASE + "rpc..", BASE + "embedded..",
            BASE + "usecase..", BASE + "agent..", BASE + "cli..")
        .should().dependOnClassesThat().resideInAPackage(BASE + "rpc..")
        .check(main);
  }

  @Test
  void useCasesPrintNothing() {
    noClasses().that().resideInAPackage(BASE + "usecase..")
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(main);
  }

  /**
   * The device encrypts in one place, next to the modify that stores the value; the engines do
   * not reach it.
   */
  @Test
  void encryptedWritesGoOnlyThroughTheDirectoryAdapter() {
    classes().that().haveFullyQualifiedName(BASE + "directory.EncryptedPasswordWriter")
        .should().onlyBeAccessed().byAnyPackage(BASE + "directory..", BASE + "agent..")
        .check(main);
  }

  // ---- the table's machinery ----

  private static Map.Entry<String, List<String>> row(String pkg, Object... allowed) {
    List<String> flat = new ArrayList<>();
    for (Object a : allowed) {
      if (a instanceof String[] many) {
        flat.addAll(Arrays.asList(many));
      } else {
        flat.add((String) a);
      }
    }
    return Map.entry(pkg, List.copyOf(flat));
  }

  @SafeVarargs
  private static Map<String, List<String>> table(Map.Entry<String, List<String>>... rows) {
    Map<String, List<String>> table = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> row : rows) {
      if (table.put(row.getKey(), row.getValue()) != null) {
        throw new IllegalArgumentException("two rows for " + row.getKey());
      }
    }
    return table;
  }

  private static final Set<String> EXTERNAL_ROOTS = Set.of("java", "javax", "com", "org", "net",
      "picocli");

  private static boolean isExternal(String entry) {
    return entry.endsWith("..") || EXTERNAL_ROOTS.contains(entry.split("\\.", -1)[0]);
  }

  /** The table entry a class belongs to: the longest package key that contains it. */
  static String owner(JavaClass c) {
    String name = c.getPackageName();
    if (!name.startsWith(BASE)) {
      return null;
    }
    String relative = name.substring(BASE.length());
    String best = null;
    for (String key : MAY_IMPORT.keySet()) {
      if ((relative.equals(key) || relative.startsWith(key + "."))
          && (best == null || key.length() > best.length())) {
        best = key;
      }
    }
    return best;
  }

  /** Classes of any of these entries, or these single classes (and their nested classes). */
  private static DescribedPredicate<JavaClass> ownedByAnyOf(List<String> entries) {
    return new DescribedPredicate<>("belong to " + entries) {
      @Override
      public boolean test(JavaClass c) {
        if (entries.contains(owner(c))) {
          return true;
        }
        String top = c.getName().replaceFirst("\\$.*", "");
        return top.startsWith(BASE) && entries.contains(top.substring(BASE.length()));
      }
    };
  }
}
