package io.lapsbridge.cli;

import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.directory.AgentDirectory;
import io.lapsbridge.directory.EncryptedPasswordWriter;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.keyfile.PublicKeyFile;
import io.lapsbridge.model.JoinState;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.platform.file.DeviceHints;
import io.lapsbridge.platform.journal.FileJournal;
import io.lapsbridge.platform.windows.WindowsRegistryPolicySource;
import io.lapsbridge.policy.DeviceFacts;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.policy.PolicyEngine;
import io.lapsbridge.policy.PolicySnapshot;
import io.lapsbridge.rotation.AgentTarget;
import io.lapsbridge.rotation.Checkpoint;
import io.lapsbridge.rotation.CycleOutcome;
import io.lapsbridge.rotation.DirectoryPort;
import io.lapsbridge.rotation.EventSink;
import io.lapsbridge.rotation.PortException;
import io.lapsbridge.rotation.PublishedKey;
import io.lapsbridge.rotation.AgentSchedule;
import io.lapsbridge.rotation.RotationCycle;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lapsbridge agent}: the device agent that rotates the managed local password. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Rotate this device's managed local account password, directory first.",
    subcommands = {AgentCommand.RunOnce.class, AgentCommand.Run.class})
final class AgentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "an agent command is required");
  }

  @Command(name = "run-once", mixinStandardHelpOptions = true,
      description = {
        "Run one cycle: finish an interrupted rotation, read the expiry, and rotate when it is"
            + " missing, past, beyond policy, reset by an administrator, or after a login of the"
            + " managed account. Event lines (Windows LAPS / AdmPwd IDs) go to stderr; the"
            + " outcome goes to stdout.",
        "Exit 0 rotated or not due, 1 refused or local failure, 3 directory unreachable (no local"
            + " change), 4 schema missing, 5 computer or account not found or access denied."
      })
  static final class RunOnce implements Callable<Integer> {
    private final AgentRuntime runtime;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Options options;

    @Option(names = "--dry-run", description = "Decide and report; write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Rotate now, as Reset-LapsPassword does.")
    boolean force;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    /** The agent's collaborators come through {@link CommandFactory}. */
    RunOnce(AgentRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public Integer call() {
      AgentTarget.Resolution resolution = options.resolve(runtime.clock());
      CycleOutcome outcome = options.cycle(spec, runtime, dryRun, resolution).run(
          resolution, force, dryRun);
      print(spec.commandLine().getOut(), outcome, format);
      return exitStatus(outcome).code();
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a cycle now, then every hour with random jitter (the Windows LAPS"
          + " cadence), and at once when a policy file changes. Runs until stopped.")
  static final class Run implements Callable<Integer> {
    private final AgentRuntime runtime;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Options options;

    @Option(names = "--interval-minutes", defaultValue = "60",
        description = "Minutes between cycles (default: ${DEFAULT-VALUE}).")
    int intervalMinutes;

    @Option(names = "--jitter-minutes", defaultValue = "10",
        description = "Up to this many minutes are added at random to each wait"
            + " (default: ${DEFAULT-VALUE}), so that devices do not all write at once.")
    int jitterMinutes;

    /** The agent's collaborators come through {@link CommandFactory}. */
    Run(AgentRuntime runtime) {
      this.runtime = runtime;
    }

    @Override
    public Integer call() throws InterruptedException {
      if (intervalMinutes < 1 || jitterMinutes < 0) {
        throw new UsageException("--interval-minutes must be at least 1 and --jitter-minutes"
            + " not negative");
      }
      AgentSchedule schedule = new AgentSchedule(new AgentSchedule.Cadence(
          Duration.ofMinutes(intervalMinutes), Duration.ofMinutes(jitterMinutes)),
          runtime.clock(), runtime.sleeper(), runtime.random());
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ExitStatus last = schedule.run(() -> {
        AgentTarget.Resolution resolution = options.resolve(runtime.clock());
        CycleOutcome outcome = options.cycle(spec, runtime, false, resolution).run(
            resolution, false, false);
        print(out, outcome, OutputFormat.TEXT);
        return exitStatus(outcome);
      }, e -> {
        Failure failure = Failure.of(e);
        err.println("lapsbridge: " + failure.message());
        err.flush();
        return failure.status();
      }, options.policy::stamp, runtime.cycleLimit());
      return last.code();
    }
  }

  /** The options both subcommands share. */
  static final class Options {
    @Mixin PolicyInputs policy;

    @Option(names = "--join-state", paramLabel = "STATE",
        description = "entra, ad, hybrid or none (default: the policy file's, else ad).")
    JoinState joinState;

    @Option(names = "--domain-functional-level", paramLabel = "YEAR",
        description = "Domain functional level as a Windows Server year.")
    Integer domainFunctionalLevel;

    @Option(names = "--computer", paramLabel = "NAME",
        description = "This computer's name or DN in the directory (default: the host name).")
    String computer;

    @Option(names = "--account", paramLabel = "NAME",
        description = "Manage this local account instead of the policy's; @uid0 = the first"
            + " UID-0 account other than root (Linux).")
    String account;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "Root-only journal directory (default: /var/lib/lapsbridge, or"
            + " %%ProgramData%%\\lapsbridge on Windows).")
    Path stateDir;

    /** Host, port, TLS, trust store, base DN, timeout: shared with every directory command. */
    @Mixin ConnectionOptions transport;

    @Option(names = "--server", paramLabel = "HOST[:PORT]",
        description = "Directory server; repeat for failover in order, after --host if given."
            + " --port applies to entries without one. Overrides DNS discovery.")
    List<String> servers = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "DOMAIN",
        description = "Find domain controllers through DNS SRV _ldap._tcp.dc._msdcs.DOMAIN.")
    String domain;

    @Option(names = "--keytab", paramLabel = "FILE", defaultValue = "/etc/krb5.keytab",
        description = "Machine keytab for the GSSAPI bind (default: ${DEFAULT-VALUE}).")
    Path keytab;

    @Option(names = "--principal", paramLabel = "NAME",
        description = "Kerberos principal (default: HOST$ from the short host name).")
    String principal;

    @Option(names = "--realm", paramLabel = "REALM",
        description = "Kerberos realm (default: krb5.conf, else --domain in capitals).")
    String realm;

    @Option(names = "--kdc", paramLabel = "HOST", description = "KDC address (default: krb5.conf).")
    String kdc;

    @Option(names = "--public-key-file", paramLabel = "FILE",
        defaultValue = "${env:LAPSBRIDGE_PUBLIC_KEY_FILE}",
        description = "Published group public key ('kds public-key --out') for encrypted mode"
            + " (" + io.lapsbridge.wire.LapsAttribute.Names.ENCRYPTED_PASSWORD + "); not secret (env LAPSBRIDGE_PUBLIC_KEY_FILE).")
    Path publicKeyFile;

    @Option(names = "--public-key-max-age-days", paramLabel = "DAYS",
        defaultValue = "${env:LAPSBRIDGE_PUBLIC_KEY_MAX_AGE_DAYS:-30}",
        description = "Refuse a public-key file whose key interval ended more than this many days"
            + " ago; 0 = no limit (default: ${DEFAULT-VALUE}; env"
            + " LAPSBRIDGE_PUBLIC_KEY_MAX_AGE_DAYS).")
    int publicKeyMaxAgeDays;

    /** The key read from --public-key-file by {@link #resolve(Clock)}, for the directory adapter. */
    private GroupPublicKey groupKey;

    AgentTarget.Resolution resolve(Clock clock) {
      PolicyInputs.Loaded loaded = policy.load();
      DeviceHints hints = loaded.hints();
      JoinState join = Optional.ofNullable(joinState).or(hints::joinState).orElse(JoinState.AD);
      OptionalInt dfl = domainFunctionalLevel != null
          ? OptionalInt.of(domainFunctionalLevel) : hints.domainFunctionalLevel();
      DeviceFacts facts = new DeviceFacts(join, hints.domainController().orElse(false),
          hints.legacyCseInstalled().orElse(false), dfl);
      // @uid0 stands for the built-in Administrator, which Linux maps to a UID-0 account.
      Optional<ManagedAccount> override = account == null ? Optional.empty()
          : account.equals("@uid0") ? Optional.of(new ManagedAccount.BuiltInAdministrator())
          : Optional.of(new ManagedAccount.Named(account));
      return AgentTarget.resolve(
          PolicyEngine.evaluate(PolicySnapshot.read(loaded.sources()), facts),
          override, publishedKey(), clock.instant());
    }

    /** Loads --public-key-file; a missing or invalid file is a refusal only if a plan needs it. */
    private PublishedKey publishedKey() {
      if (publicKeyMaxAgeDays < 0) {
        throw new UsageException("--public-key-max-age-days must not be negative");
      }
      groupKey = null;
      if (publicKeyFile == null) {
        return new PublishedKey.NotGiven();
      }
      if (!Files.isRegularFile(publicKeyFile)) {
        return new PublishedKey.Unusable("the public-key file " + publicKeyFile
            + " does not exist or is not a file");
      }
      try {
        groupKey = PublicKeyFile.read(publicKeyFile);
      } catch (KeyFileException e) {
        return new PublishedKey.Unusable(e.getMessage());
      }
      return new PublishedKey.Loaded(publicKeyFile.toString(), groupKey.descriptor().sid(),
          groupKey.interval().start().toInstant(), Duration.ofDays(publicKeyMaxAgeDays));
    }

    boolean uid0() {
      return "@uid0".equals(account);
    }

    RotationCycle cycle(CommandLine.Model.CommandSpec spec, AgentRuntime runtime,
        boolean dryRun, AgentTarget.Resolution resolution) {
      PrintWriter err = spec.commandLine().getErr();
      EventSink events = line -> {
        err.println(line);
        err.flush();
      };
      FileJournal journal;
      try {
        // A dry run must not even create the state directory.
        journal = dryRun && !Files.isDirectory(stateDirectory())
            ? FileJournal.absent(stateDirectory()) : FileJournal.open(stateDirectory());
      } catch (PortException e) {
        throw new CommandFailedException(ExitStatus.PROBLEM, e.getMessage());
      }
      AgentConnection connection = connection();
      String name = computerName();
      Optional<EncryptedPasswordWriter> encrypted = Optional.empty();
      if (resolution instanceof AgentTarget.Managed managed && managed.target().encrypted()) {
        // resolve() refuses an encrypted plan unless the key loaded and matched.
        encrypted = Optional.of(new EncryptedPasswordWriter(groupKey, new LapsEncryptor(
            new SecureRandom()), managed.target().historySize()));
      }
      Optional<EncryptedPasswordWriter> writer = encrypted;
      DirectoryPort.Connector connector = () -> AgentDirectory.open(connection, name, writer);
      return new RotationCycle(connector, runtime.accounts().apply(this), journal,
          PasswordGenerator.secure(), runtime.clock(), events, Checkpoint.NONE);
    }

    Path stateDirectory() {
      if (stateDir != null) {
        return stateDir;
      }
      if (WindowsRegistryPolicySource.supported()) {
        String data = Optional.ofNullable(System.getenv("ProgramData")).orElse("C:\\ProgramData");
        return Path.of(data, "lapsbridge");
      }
      return Path.of("/var/lib/lapsbridge");
    }

    String computerName() {
      return computer != null ? computer : shortHostName();
    }

    /**
     * The directory connection. Transport settings may come from the environment and profiles;
     * the bind identity only from this command line (see {@link
     * ConnectionOptions#transportOnly}), so the default is always Kerberos as the computer.
     */
    AgentConnection connection() {
      ConnectionOptions given = transport.transportOnly();
      if (given.ldaps && given.startTls) {
        throw new UsageException("choose one of --ldaps and --start-tls");
      }
      TransportSecurity security = given.ldaps ? TransportSecurity.LDAPS
          : given.startTls ? TransportSecurity.START_TLS : TransportSecurity.NONE;
      boolean kerberos = given.bindDn == null;
      if (security == TransportSecurity.NONE && !given.insecure && !kerberos) {
        throw new UsageException("refusing a simple bind without TLS: add --ldaps or"
            + " --start-tls, or --insecure to accept cleartext credentials");
      }
      if (security == TransportSecurity.NONE && !given.insecure) {
        throw new UsageException("refusing to send passwords without TLS: add --ldaps or"
            + " --start-tls (GSSAPI sealing alone needs --insecure)");
      }
      List<String> list = new ArrayList<>();
      if (given.host != null && !given.host.isBlank()) {
        list.add(given.host);
      }
      list.addAll(servers);
      if (given.port != null) {
        list.replaceAll(s -> s.contains(":") ? s : s + ":" + given.port);
      }
      if (list.isEmpty() && domain == null) {
        throw new UsageException("give --server HOST (repeatable) or --domain DOMAIN for DNS SRV"
            + " discovery");
      }
      MachineBind bind;
      if (kerberos) {
        String who = principal != null ? principal
            : shortHostName().toUpperCase(Locale.ROOT) + "$";
        Optional<String> realmName = Optional.ofNullable(realm)
            .or(() -> Optional.ofNullable(domain).map(d -> d.toUpperCase(Locale.ROOT)));
        bind = new MachineBind.Kerberos(keytab, who, realmName, Optional.ofNullable(kdc));
      } else {
        if (given.bindPasswordFile == null) {
          throw new UsageException("--bind-dn needs --bind-password-file");
        }
        bind = new MachineBind.Simple(given.bindDn,
            ConnectionOptions.readBindPasswordFile(given.bindPasswordFile));
      }
      return new AgentConnection(list, Optional.ofNullable(domain), security,
          given.trustStore, bind, given.baseDn, given.timeout());
    }
  }

  static String shortHostName() {
    try {
      String host = InetAddress.getLocalHost().getHostName();
      int dot = host.indexOf('.');
      return dot > 0 ? host.substring(0, dot) : host;
    } catch (IOException e) {
      throw new UsageException("cannot tell this host's name (" + e.getMessage()
          + "); give --computer");
    }
  }

  static ExitStatus exitStatus(CycleOutcome outcome) {
    if (outcome.status().success()) {
      return ExitStatus.OK;
    }
    return outcome.failure().map(Failure::statusOf).orElse(ExitStatus.PROBLEM);
  }

  static void print(PrintWriter out, CycleOutcome outcome, OutputFormat format) {
    if (format == OutputFormat.JSON) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("status", outcome.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      json.put("summary", outcome.summary());
      json.put("failure", outcome.failure().map(k -> k.name().toLowerCase(Locale.ROOT)
          .replace('_', '-')).orElse(null));
      json.put("exitStatus", exitStatus(outcome).code());
      out.println(Json.write(json));
    } else {
      out.println(outcome.status().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": "
          + outcome.summary());
    }
    out.flush();
  }
}
