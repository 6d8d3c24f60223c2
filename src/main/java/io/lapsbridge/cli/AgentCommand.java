package io.lapsbridge.cli;

import io.lapsbridge.agent.AgentAssembly;
import io.lapsbridge.agent.AgentRuntime;
import io.lapsbridge.agent.DeviceArguments;
import io.lapsbridge.agent.GetKeyArguments;
import io.lapsbridge.agent.PolicyStores;
import io.lapsbridge.config.AgentConnectionResolver;
import io.lapsbridge.config.AgentServerArguments;
import io.lapsbridge.config.LocalHost;
import io.lapsbridge.config.ResolvedConnection;
import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.model.JoinState;
import io.lapsbridge.report.AgentCycleReport;
import io.lapsbridge.report.OutputFormat;
import io.lapsbridge.rotation.AgentSchedule;
import io.lapsbridge.rotation.CycleOutcome;
import io.lapsbridge.rotation.EventSink;
import io.lapsbridge.rotation.PortException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.lapsbridge.wire.LapsAttribute;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lapsbridge agent}: the device agent that rotates the managed local password. */
@Command(
    name = "agent",
    description = "Rotate this device's managed local account password, directory first.",
    subcommands = {AgentCommand.RunOnce.class, AgentCommand.Run.class})
final class AgentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "an agent command is required");
  }

  @Command(name = "run-once",
      description = {
        "Run one cycle: finish an interrupted rotation, read the expiry, and rotate when it is"
            + " missing, past, beyond policy, reset by an administrator, after a login of the"
            + " managed account (PAM hook or wtmp), or when the directory's"
            + " " + LapsAttribute.Names.CURRENT_PASSWORD_VERSION + " shows the device was"
            + " restored from an image."
            + " Under automatic account management (AutomaticAccountManagementEnabled=1) the"
            + " agent creates the account (useradd), renames it for randomized names and"
            + " enables or disables it; the password is set only after the directory holds it."
            + " Event lines (Windows LAPS / AdmPwd IDs) go to stderr; the outcome goes to"
            + " stdout.",
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
      PrintWriter err = spec.commandLine().getErr();
      Ran ran = options.runCycle(new AgentAssembly(runtime), err, force, dryRun);
      print(spec.commandLine().getOut(), ran, format);
      return exitStatus(ran.outcome()).code();
    }
  }

  @Command(name = "run",
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
      AgentAssembly assembly = new AgentAssembly(runtime);
      ExitStatus last = schedule.run(() -> {
        Ran ran = options.runCycle(assembly, err, false, false);
        print(out, ran, OutputFormat.TEXT);
        return exitStatus(ran.outcome());
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

    @Option(names = "--principal", paramLabel = "NAME",
        description = "Kerberos principal (default: HOST$ from the short host name).")
    String principal;

    /** The agent's machine keytab when {@code --keytab} names none. */
    static final Path DEFAULT_KEYTAB = Path.of("/etc/krb5.keytab");

    @Option(names = "--public-key-file", paramLabel = "FILE",
        defaultValue = "${env:LAPSBRIDGE_PUBLIC_KEY_FILE}",
        description = "Published group public key ('kds public-key --out') for encrypted mode"
            + " (" + io.lapsbridge.wire.LapsAttribute.Names.ENCRYPTED_PASSWORD + ") when it"
            + " cannot be fetched from a DC; not secret (env LAPSBRIDGE_PUBLIC_KEY_FILE).")
    Path publicKeyFile;

    @Option(names = "--public-key-max-age-days", paramLabel = "DAYS",
        defaultValue = "${env:LAPSBRIDGE_PUBLIC_KEY_MAX_AGE_DAYS:-30}",
        description = "Refuse a public-key file whose key interval ended more than this many days"
            + " ago; 0 = no limit (default: ${DEFAULT-VALUE}; env"
            + " LAPSBRIDGE_PUBLIC_KEY_MAX_AGE_DAYS).")
    int publicKeyMaxAgeDays;

    @Option(names = "--rpc-port", paramLabel = "PORT",
        defaultValue = "${env:LAPSBRIDGE_RPC_PORT:-135}",
        description = "Encrypted mode: the domain controllers' RPC endpoint mapper port for"
            + " fetching the group public key with GetKey as this computer, which needs an"
            + " RC4-HMAC key in --keytab (default: 135; env LAPSBRIDGE_RPC_PORT).")
    int rpcPort;

    /** One cycle: read the policy, then rotate (or not) over the real adapters. */
    Ran runCycle(AgentAssembly assembly, PrintWriter err, boolean force,
        boolean dryRun) {
      PolicyStores.DevicePolicy policies = policy.load();
      DeviceArguments device = device();
      AgentConnection connection = connection(err);
      AgentAssembly.Plan plan =
          assembly.plan(device, policies.sources(), policies.hints(), connection);
      EventSink events = line -> {
        err.println(line);
        err.flush();
      };
      try {
        return new Ran(assembly.cycle(device, connection, plan, dryRun, events)
            .run(plan.resolution(), force, dryRun), plan.keySource());
      } catch (PortException journal) {
        // The state directory is unusable: a local problem, before anything was changed.
        throw new CommandFailedException(Failure.statusOf(journal.kind()), journal.getMessage());
      }
    }

    DeviceArguments device() {
      return new DeviceArguments(joinState, domainFunctionalLevel, computer, account, stateDir,
          publicKeyFile, publicKeyMaxAgeDays,
          new GetKeyArguments(keytab(), principal(), rpcPort));
    }

    /** {@link #connection()}, said on {@code err} every cycle when it goes without TLS. */
    AgentConnection connection(PrintWriter err) {
      AgentConnection connection = connection();
      if (connection.security() == TransportSecurity.NONE) {
        // Allowed only with --insecure; still said every time, as the admin commands do.
        err.println(connection.bind() instanceof MachineBind.Simple
            ? "lapsbridge: warning: --insecure: the bind password and the password written"
                + " cross the network in clear text"
            : "lapsbridge: warning: --insecure: without TLS, the password written is protected"
                + " only by GSSAPI sealing");
        err.flush();
      }
      return connection;
    }

    /** Transport from everywhere; the bind identity only from this command line. */
    AgentConnection connection() {
      ResolvedConnection resolved = transport.transportOnly();
      return AgentConnectionResolver.resolve(resolved,
          new AgentServerArguments(servers, resolved.host() == null ? resolved.kerberos().domain()
              : null, keytab(), principal(), transport.realm, transport.kdc),
          LocalHost::shortName);
    }

    /** {@code --principal}, or the shared {@code --kerberos-principal}; null for HOST$. */
    String principal() {
      return principal != null ? principal : transport.principal;
    }

    /** The machine keytab: {@code --keytab}, else {@link #DEFAULT_KEYTAB}. */
    Path keytab() {
      return transport.keytab != null ? transport.keytab : DEFAULT_KEYTAB;
    }
  }

  static ExitStatus exitStatus(CycleOutcome outcome) {
    if (outcome.status().success()) {
      return ExitStatus.OK;
    }
    return outcome.failure().map(Failure::statusOf).orElse(ExitStatus.PROBLEM);
  }

  /**
   * One cycle's outcome, and where an encrypted plan's public key came from (a DC or the
   * published file), which the output names (#14).
   */
  record Ran(CycleOutcome outcome, Optional<String> publicKey) {}

  static void print(PrintWriter out, Ran ran, OutputFormat format) {
    CycleOutcome outcome = ran.outcome();
    new AgentCycleReport(kebab(outcome.status()), outcome.summary(),
        outcome.failure().map(AgentCommand::kebab).orElse(null), exitStatus(outcome).code(),
        ran.publicKey().orElse(null))
        .print(out, format);
  }

  private static String kebab(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
