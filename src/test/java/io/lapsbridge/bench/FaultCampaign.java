package io.lapsbridge.bench;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.lapsbridge.cli.Lapsbridge;
import io.lapsbridge.crypto.KdsRootKey;
import io.lapsbridge.crypto.LapsCryptoException;
import io.lapsbridge.crypto.LapsDecryptor;
import io.lapsbridge.crypto.RootKeyProvider;
import io.lapsbridge.embedded.StandInConfig;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.keyfile.KdsKeyFile;
import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.PlanCodec;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.rotation.Checkpoint;
import io.lapsbridge.rotation.CycleOutcome;
import io.lapsbridge.wire.MalformedValueException;
import io.lapsbridge.wire.WindowsLapsPasswordJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The #18 fault campaign: randomized {@code kill -9} runs against one stand-in directory that
 * lives for the whole campaign. Only the client process is killed and restarted.
 *
 * <p>Runs take turns: the agent in its three modes (legacy {@code ms-Mcs-AdmPwd}, Windows LAPS
 * cleartext, Windows LAPS encrypted), each killed at a random moment after a randomly chosen
 * step boundary and then run again (the next cycle, in this process); {@code migrate apply} over
 * a fresh estate, killed at a random moment, then resumed; and the same with the first resume
 * killed too. After each run: every stored password is valid and no device's password is lost
 * (see {@link CampaignEstate}); the agent's local password equals the directory's.
 *
 * <p>Arguments: {@code --runs N --seed S --computers C --work DIR --report FILE}. The class
 * path of this JVM is passed to the child processes. Run by {@code bench/fault-campaign.sh}.
 */
public final class FaultCampaign {
  private static final List<String> AGENT_BOUNDARIES = List.of("STARTED", "INTENT_RECORDED",
      "DIRECTORY_WRITTEN", "DIRECTORY_READ_BACK", "CONFIRMED_RECORDED", "LOCAL_SET",
      "JOURNAL_CLEARED");
  private static final String[] SCENARIOS = {
    "agent legacy", "agent cleartext", "agent encrypted", "migrate apply",
    "migrate apply + resume"
  };

  private final int runs;
  private final long seed;
  private final int computers;
  private final Path work;
  private final Path report;
  private final Random random;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private final String classPath = System.getProperty("java.class.path");
  private final Instant began = Instant.now();

  private StandInDirectory server;
  private List<String> connection;
  private Path publicKey;
  private LapsDecryptor decryptor;
  private CampaignEstate estate;
  private long applyStartupMillis;
  private long applyTotalMillis;

  /** Kills per scenario and step. */
  private final Map<String, Map<String, Integer>> kills = new TreeMap<>();
  private final Map<String, Integer> runsPer = new TreeMap<>();
  private final Map<String, Long> millisPer = new TreeMap<>();
  private final List<String> lost = new ArrayList<>();
  private final List<String> anomalies = new ArrayList<>();
  private int recoverable;
  /** kill -9s sent (a run of apply and resume can have two), and runs that ended unkilled. */
  private int killEvents;
  private int unkilledRuns;
  private boolean killedThisRun;
  private int staleAfterResume;
  private int done;

  private FaultCampaign(int runs, long seed, int computers, Path work, Path report) {
    this.runs = runs;
    this.seed = seed;
    this.computers = computers;
    this.work = work;
    this.report = report;
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    FaultCampaign campaign = new FaultCampaign(
        Integer.parseInt(options.getOrDefault("--runs", "1000")),
        Long.parseLong(options.getOrDefault("--seed", "20261205")),
        Integer.parseInt(options.getOrDefault("--computers", "240")),
        Path.of(options.getOrDefault("--work", "target/fault-campaign")),
        Path.of(options.getOrDefault("--report", "target/fault-campaign/report.md")));
    int status = campaign.run();
    System.exit(status);
  }

  private int run() throws Exception {
    Files.createDirectories(work);
    server = StandInDirectory.start(StandInConfig.loopback());
    try {
      setUp();
      for (int r = 1; r <= runs; r++) {
        String scenario = SCENARIOS[(r - 1) % SCENARIOS.length];
        long started = System.nanoTime();
        killedThisRun = false;
        String step;
        try {
          step = switch (scenario) {
            case "agent legacy" -> agentRun(r, 0);
            case "agent cleartext" -> agentRun(r, 1);
            case "agent encrypted" -> agentRun(r, 2);
            case "migrate apply" -> migrationRun(r, false);
            default -> migrationRun(r, true);
          };
        } catch (Exception | AssertionError e) {
          anomalies.add("run " + r + " (" + scenario + "): " + e);
          step = "harness error";
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        kills.computeIfAbsent(scenario, k -> new TreeMap<>()).merge(step, 1, Integer::sum);
        runsPer.merge(scenario, 1, Integer::sum);
        millisPer.merge(scenario, millis, Long::sum);
        done = r;
        if (!killedThisRun) {
          unkilledRuns++;
        }
        System.out.printf(Locale.ROOT, "run %d %s: killed %s (%d ms); lost so far %d%n", r,
            scenario, step, millis, lost.size());
        if (r % 25 == 0 || r == runs) {
          writeReport();
        }
      }
    } finally {
      server.close();
    }
    writeReport();
    return lost.isEmpty() && anomalies.isEmpty() ? 0 : 1;
  }

  // ---------------------------------------------------------------- set-up

  private Path adminPassword;
  private final String[] agentDns = new String[3];

  private void setUp() throws Exception {
    adminPassword = work.resolve("admin.pw");
    Files.writeString(adminPassword, StandInDirectory.ADMIN_PASSWORD, StandardCharsets.UTF_8);
    connection = List.of("--host", "127.0.0.1", "--port", Integer.toString(server.port()),
        "--start-tls", "--trust-store", server.certificateFile().toString(), "--bind-dn",
        StandInDirectory.ADMIN_DN, "--bind-password-file", adminPassword.toString());
    publicKey = work.resolve("group.pub.json");
    Path rootKeys = work.resolve("kds-root-keys.json");
    Files.deleteIfExists(publicKey);
    Files.deleteIfExists(rootKeys);
    cli("kds", "public-key", "--out", publicKey.toString(), "--sid", CampaignEstate.DECRYPTOR);
    cli("kds", "export", "--out", rootKeys.toString());
    List<KdsRootKey> keys = KdsKeyFile.read(rootKeys);
    decryptor = new LapsDecryptor(RootKeyProvider.of(keys));

    try (LDAPConnection admin = admin()) {
      String ou = "ou=Agents," + server.baseDn();
      admin.add(new Entry(ou, new Attribute("objectClass", "top", "organizationalUnit"),
          new Attribute("ou", "Agents")));
      String[] names = {"AG-LEGACY", "AG-CLEAR", "AG-ENC"};
      for (int mode = 0; mode < 3; mode++) {
        agentDns[mode] = "cn=" + names[mode] + "," + ou;
        List<Attribute> attributes = new ArrayList<>(List.of(
            new Attribute("objectClass", "top", "user", "computer"),
            new Attribute("cn", names[mode]), new Attribute("sAMAccountName", names[mode] + "$")));
        if (mode == 0) {
          attributes.add(new Attribute("ms-Mcs-AdmPwd", "initial"));
          attributes.add(new Attribute("ms-Mcs-AdmPwdExpirationTime", "0"));
        }
        admin.add(new Entry(agentDns[mode], attributes));
        CampaignAccounts.create(work.resolve("accounts-" + mode), "lapsadmin", "initial");
        // The agent's journal directory must be the owner's alone (it may hold a password).
        Path state = work.resolve("state-" + mode);
        Files.createDirectories(state);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        Files.deleteIfExists(state.resolve("journal.json"));
      }
    }

    estate = new CampaignEstate(computers, seed);
    // Two clean applies: they time start-up and the actions, so kills spread over both, and
    // prove that the checks pass on runs nobody killed. The second (warm server) is the one
    // used: timed on a cold server the window was too long, and a quarter of the kills came
    // after the run had ended.
    for (int round = 1; round <= 2; round++) {
      calibrate(round);
    }
    System.out.printf(Locale.ROOT, "calibrated: apply start-up %d ms, whole run %d ms, %d actions%n",
        applyStartupMillis, applyTotalMillis, estate.expectedActions());
  }

  private void calibrate(int round) throws Exception {
    String ouDn = "ou=Calibrate" + round + "," + server.baseDn();
    Path plan = planFor(ouDn, "calibrate" + round);
    Path journal = Path.of(plan + ".journal");
    long started = System.nanoTime();
    Path log = work.resolve("calibrate" + round + ".log");
    Process apply = start(applyCommand(plan), log);
    while (apply.isAlive() && !journalHasStart(journal)) {
      Thread.sleep(2);
    }
    applyStartupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (!apply.waitFor(300, TimeUnit.SECONDS) || apply.exitValue() != 0) {
      throw new IllegalStateException("the calibration apply failed: " + Files.readString(log));
    }
    applyTotalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    try (LDAPConnection admin = admin()) {
      CampaignEstate.Findings findings = estate.check(admin, ouDn, decryptor, true);
      if (!findings.lost.isEmpty() || !findings.wrong.isEmpty()) {
        throw new IllegalStateException("a clean apply fails the checks: " + findings.lost
            + findings.wrong);
      }
    }
  }

  private LDAPConnection admin() throws Exception {
    LDAPConnection connection = new LDAPConnection("127.0.0.1", server.port());
    SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(server.certificateFile().toFile()));
    connection.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext()));
    connection.bind(StandInDirectory.ADMIN_DN, StandInDirectory.ADMIN_PASSWORD);
    return connection;
  }

  /** Runs the command line in this process; returns its exit status and output. */
  private CliResult cliResult(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(connection);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Lapsbridge.run(new PrintWriter(out, true), new PrintWriter(err, true),
        all.toArray(String[]::new));
    return new CliResult(status, out.toString(), err.toString());
  }

  private record CliResult(int status, String out, String err) {}

  private void cli(String... command) {
    CliResult result = cliResult(command);
    if (result.status() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + result.status()
          + ": " + result.err());
    }
  }

  private Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
  }

  private List<String> childJava(String mainClass) {
    return new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", classPath, mainClass));
  }

  // ---------------------------------------------------------------- agent runs

  private String agentRun(int run, int mode) throws Exception {
    boolean encrypted = mode == 2;
    AttributeFamily family = mode == 0 ? AttributeFamily.LEGACY : AttributeFamily.WINDOWS;
    String computer = agentDns[mode].substring(3, agentDns[mode].indexOf(','));
    Path accountsDir = work.resolve("accounts-" + mode);
    Path state = work.resolve("state-" + mode);
    Optional<Path> key = encrypted ? Optional.of(publicKey) : Optional.empty();
    CampaignAccounts accounts = new CampaignAccounts(accountsDir);

    List<String> command = childJava(CampaignAgent.class.getName());
    command.addAll(List.of(Integer.toString(server.port()), server.certificateFile().toString(),
        state.toString(), accountsDir.toString(), computer, family.name(),
        Long.toString(random.nextLong())));
    key.ifPresent(k -> command.add(k.toString()));
    String target = AGENT_BOUNDARIES.get(random.nextInt(AGENT_BOUNDARIES.size()));
    // After STARTED the connection is opened (TLS, bind): a longer window, so kills land
    // anywhere in it; after the later boundaries, anywhere in the next step or two.
    long delay = target.equals("STARTED") ? random.nextInt(900) : random.nextInt(40);
    Process agent = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(agent.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("READ FAILED " + e);
      }
    });
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (agent.isAlive() && !lines.contains("STEP " + target)) {
      if (System.nanoTime() > deadline) {
        agent.destroyForcibly();
        throw new IllegalStateException("the agent hung before " + target + ": " + lines);
      }
      Thread.sleep(1);
    }
    boolean finished = agent.waitFor(delay, TimeUnit.MILLISECONDS);
    if (!finished) {
      killEvents++;
      killedThisRun = true;
      agent.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
      agent.waitFor(30, TimeUnit.SECONDS);
    }
    reader.join(10_000);
    String step = agentStep(lines, finished);
    if (finished && agent.exitValue() != 0) {
      anomalies.add("run " + run + ": the agent failed on its own: " + lines);
    }

    // The next cycle, not forced: it must settle the journal and leave both sides equal.
    CycleOutcome restart = CampaignAgent.cycle(server.port(), server.certificateFile(), state,
        accountsDir, computer, Checkpoint.NONE, line -> { }, key)
        .run(CampaignAgent.target(family, key), false, false);
    if (!restart.status().success()) {
      anomalies.add("run " + run + ": the restart failed: " + restart.summary());
    }
    if (Files.exists(state.resolve("journal.json"))) {
      anomalies.add("run " + run + ": the restart left the agent journal");
    }
    String local = accounts.password("lapsadmin").orElse(null);
    List<String> stored;
    try {
      stored = storedAgentPasswords(agentDns[mode], mode);
    } catch (MalformedValueException | LapsCryptoException e) {
      lost.add("run " + run + " (agent mode " + mode + ", killed " + step
          + "): the stored value is not valid: " + e.getMessage());
      return step;
    }
    if (stored.isEmpty() || local == null) {
      lost.add("run " + run + " (agent mode " + mode + ", killed " + step
          + "): no password stored, or the local account has none");
    } else if (!local.equals(stored.get(0))) {
      if (stored.contains(local)) {
        recoverable++;
      } else {
        lost.add("run " + run + " (agent mode " + mode + ", killed " + step
            + "): the local password is not in the directory");
      }
    }
    return step;
  }

  private static String agentStep(List<String> lines, boolean finished) {
    if (finished) {
      return "finished before the kill";
    }
    String last = null;
    for (String line : lines) {
      if (line.startsWith("STEP ")) {
        last = line.substring(5);
      }
    }
    if (last == null) {
      return "JVM start-up";
    }
    if (last.equals("STARTED")) {
      return "connect, read, intent (before INTENT_RECORDED)";
    }
    return "after " + last;
  }

  /** The directory's current password of an agent's computer, then its history (encrypted). */
  private List<String> storedAgentPasswords(String dn, int mode) throws Exception {
    List<String> passwords = new ArrayList<>();
    try (LDAPConnection admin = admin()) {
      SearchResultEntry e = admin.getEntry(dn, "ms-Mcs-AdmPwd", "msLAPS-Password",
          "msLAPS-EncryptedPassword", "msLAPS-EncryptedPasswordHistory");
      if (mode == 0) {
        Optional.ofNullable(e.getAttributeValue("ms-Mcs-AdmPwd")).ifPresent(passwords::add);
      } else if (mode == 1) {
        String json = e.getAttributeValue("msLAPS-Password");
        if (json != null) {
          passwords.add(WindowsLapsPasswordJson.parse(json).password().reveal());
        }
      } else {
        byte[] value = e.getAttributeValueBytes("msLAPS-EncryptedPassword");
        if (value != null) {
          passwords.add(decryptor.decrypt(value).password().reveal());
          Attribute history = e.getAttribute("msLAPS-EncryptedPasswordHistory");
          if (history != null) {
            for (byte[] old : history.getValueByteArrays()) {
              passwords.add(decryptor.decrypt(old).password().reveal());
            }
          }
        }
      }
    }
    return passwords;
  }

  // ---------------------------------------------------------------- migration runs

  private Path planFor(String ouDn, String name) throws Exception {
    try (LDAPConnection admin = admin()) {
      estate.load(admin, ouDn);
    }
    Path rules = work.resolve(name + ".rules.yaml");
    Files.writeString(rules, CampaignEstate.rules(ouDn), StandardCharsets.UTF_8);
    Path plan = work.resolve(name + ".plan.json");
    Files.deleteIfExists(plan);
    Files.deleteIfExists(Path.of(plan + ".journal"));
    cli("migrate", "plan", "--rules", rules.toString(), "--as-of", CampaignEstate.AS_OF,
        "--base-dn", ouDn, "--output", plan.toString());
    int actions = PlanCodec.readActions(plan.toString(), Files.readAllBytes(plan)).size();
    if (actions != estate.expectedActions()) {
      throw new IllegalStateException("the plan has " + actions + " actions, expected "
          + estate.expectedActions());
    }
    return plan;
  }

  private List<String> applyCommand(Path plan) {
    List<String> command = childJava("io.lapsbridge.cli.Main");
    command.addAll(List.of("migrate", "apply", "--plan", plan.toString(), "--public-key-file",
        publicKey.toString(), "--connections", "2"));
    command.addAll(connection);
    return command;
  }

  private List<String> resumeCommand(Path journal) {
    List<String> command = childJava("io.lapsbridge.cli.Main");
    command.addAll(List.of("migrate", "resume", "--journal", journal.toString(),
        "--public-key-file", publicKey.toString(), "--connections", "2"));
    command.addAll(connection);
    return command;
  }

  private static boolean journalHasStart(Path journal) throws IOException {
    return Files.exists(journal)
        && Files.readString(journal, StandardCharsets.UTF_8).contains("\"start\"");
  }

  private String migrationRun(int run, boolean killResume) throws Exception {
    String ouDn = "ou=Run" + run + "," + server.baseDn();
    Path plan = planFor(ouDn, "run" + run);
    Path journal = Path.of(plan + ".journal");
    List<Action> actions = PlanCodec.readActions(plan.toString(), Files.readAllBytes(plan));

    String step = killAt(applyCommand(plan), journal, actions, work.resolve("run" + run
        + ".apply.log"), "apply");
    checkNothingLost(run, ouDn, "after the kill of apply (" + step + ")");
    if (killResume && Files.exists(journal) && Files.size(journal) > 0) {
      String resumed = killAt(resumeCommand(journal), journal, actions,
          work.resolve("run" + run + ".resume.log"), "resume");
      step = step + " / resume " + resumed;
      checkNothingLost(run, ouDn, "after the kill of resume (" + resumed + ")");
    }

    CliResult finish = Files.exists(journal) && Files.size(journal) > 0
        ? cliResult("migrate", "resume", "--journal", journal.toString(), "--public-key-file",
            publicKey.toString())
        : cliResult("migrate", "apply", "--plan", plan.toString(), "--public-key-file",
            publicKey.toString());
    if (finish.status() != 0) {
      anomalies.add("run " + run + ": finishing exited " + finish.status() + ": "
          + firstLines(finish.err() + finish.out()));
    }
    Journal.State state = Journal.replay(journal.toString(),
        Files.readString(journal, StandardCharsets.UTF_8));
    for (int id = 1; id <= actions.size(); id++) {
      Optional<Journal.Outcome> outcome = state.outcome(id);
      if (outcome.isEmpty() || !outcome.get().settled()) {
        anomalies.add("run " + run + ": action " + id + " not settled: " + outcome);
      } else if (outcome.get() == Journal.Outcome.STALE) {
        staleAfterResume++;
        anomalies.add("run " + run + ": action " + id + " (" + actions.get(id - 1).kind()
            + ") ended stale after the kill (" + step + ")");
      }
    }
    try (LDAPConnection admin = admin()) {
      CampaignEstate.Findings findings = estate.check(admin, ouDn, decryptor, true);
      String where = "run " + run + " (" + step + "): ";
      findings.lost.forEach(l -> lost.add(where + l));
      findings.wrong.forEach(w -> anomalies.add(where + w));
      // Estates stay: the stand-in's in-memory partition fails deletes of a subtree it has
      // just modified ("parentIdAndRdn is null"), and 400 estates of 240 fit its memory.
    }
    return step;
  }

  private void checkNothingLost(int run, String ouDn, String when) throws Exception {
    try (LDAPConnection admin = admin()) {
      estate.check(admin, ouDn, decryptor, false).lost
          .forEach(l -> lost.add("run " + run + " " + when + ": " + l));
    }
  }

  /**
   * Starts {@code command} and kills it at a random moment: one run in five during start-up,
   * the rest once it journalled its first action, anywhere up to the calibrated end. Returns where it was, as the journal tells.
   */
  private String killAt(List<String> command, Path journal, List<Action> actions, Path log,
      String what) throws Exception {
    Process process = start(command, log);
    long delay;
    if (random.nextInt(5) == 0) {
      delay = (long) (random.nextDouble() * applyStartupMillis);
    } else {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (process.isAlive() && !journalHasStart(journal) && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      delay = (long) (random.nextDouble() * (applyTotalMillis - applyStartupMillis));
    }
    boolean finished = process.waitFor(delay, TimeUnit.MILLISECONDS);
    if (!finished) {
      killEvents++;
      killedThisRun = true;
      process.destroyForcibly(); // SIGKILL
      process.waitFor(30, TimeUnit.SECONDS);
    } else if (process.exitValue() != 0) {
      anomalies.add(what + " failed on its own (" + process.exitValue() + "): "
          + firstLines(Files.readString(log)));
    }
    return finished ? "finished before the kill" : journalStep(journal, actions);
  }

  /** Where a killed apply was, from its journal. */
  private static String journalStep(Path journal, List<Action> actions) throws IOException {
    if (!Files.exists(journal) || Files.size(journal) == 0) {
      return "start-up (no journal yet)";
    }
    String text = Files.readString(journal, StandardCharsets.UTF_8);
    Journal.State state;
    try {
      state = Journal.replay(journal.toString(), text);
    } catch (RuntimeException e) {
      return "journal unreadable: " + e.getMessage();
    }
    if (state.started().isEmpty()) {
      return "journal begun, no action started";
    }
    TreeSet<String> inFlight = new TreeSet<>();
    for (int id : state.started()) {
      if (state.outcome(id).isEmpty()) {
        inFlight.add(actions.get(id - 1).kind());
      }
    }
    if (!inFlight.isEmpty()) {
      return "in " + String.join(" + ", inFlight);
    }
    if (state.ended().size() == actions.size()) {
      return "after the last action (closing)";
    }
    return "between actions";
  }

  private static String firstLines(String text) {
    String[] lines = text.split("\n");
    return String.join(" | ", Arrays.copyOf(lines, Math.min(lines.length, 3)));
  }

  // ---------------------------------------------------------------- report

  private void writeReport() throws IOException {
    StringBuilder md = new StringBuilder();
    Duration took = Duration.between(began, Instant.now());
    md.append("## Results (written by FaultCampaign)\n\n");
    md.append(String.format(Locale.ROOT, "- runs: %d of %d, seed %d, %d computers per migration"
        + " run (%d actions), %s elapsed (%d s)%n", done, runs, seed, computers,
        estate == null ? 0 : estate.expectedActions(), took.toString().substring(2),
        took.toSeconds()));
    md.append(String.format(Locale.ROOT, "- calibration: apply start-up %d ms, whole apply %d ms%n",
        applyStartupMillis, applyTotalMillis));
    md.append("- kill -9 sent: ").append(killEvents).append(" (a run of apply then resume can"
        + " have two); runs in which the process ended before its kill: ").append(unkilledRuns)
        .append('\n');
    md.append("- **passwords lost: ").append(lost.size()).append("**\n");
    md.append("- agent restarts where the local password was the directory's previous one"
        + " (recoverable from history): ").append(recoverable).append('\n');
    md.append("- actions that ended stale after a kill: ").append(staleAfterResume).append('\n');
    md.append("- other anomalies: ").append(anomalies.size() - staleAfterResume).append("\n\n");
    md.append("| scenario | runs | mean ms per run |\n|---|---|---|\n");
    runsPer.forEach((scenario, n) -> md.append("| ").append(scenario).append(" | ").append(n)
        .append(" | ").append(millisPer.get(scenario) / n).append(" |\n"));
    md.append("\n### Kills per step\n\n| scenario | where the kill landed | kills |\n|---|---|---|\n");
    kills.forEach((scenario, steps) -> steps.forEach((step, n) -> md.append("| ")
        .append(scenario).append(" | ").append(step).append(" | ").append(n).append(" |\n")));
    if (!lost.isEmpty()) {
      md.append("\n### Lost\n\n");
      lost.stream().limit(50).forEach(l -> md.append("- ").append(l).append('\n'));
    }
    if (!anomalies.isEmpty()) {
      md.append("\n### Anomalies\n\n");
      anomalies.stream().limit(50).forEach(a -> md.append("- ").append(a).append('\n'));
    }
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
  }
}
