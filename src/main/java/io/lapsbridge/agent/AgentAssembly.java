package io.lapsbridge.agent;

import io.lapsbridge.config.LocalHost;
import io.lapsbridge.config.SettingsException;
import io.lapsbridge.crypto.GroupPublicKey;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.directory.AgentDirectory;
import io.lapsbridge.directory.EncryptedPasswordWriter;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.keyfile.PublicKeyFile;
import io.lapsbridge.model.JoinState;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.platform.file.DeviceHints;
import io.lapsbridge.platform.journal.FileJournal;
import io.lapsbridge.policy.DeviceFacts;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.policy.PolicyEngine;
import io.lapsbridge.policy.PolicySnapshot;
import io.lapsbridge.policy.PolicyEvaluation;
import io.lapsbridge.policy.PolicySource;
import io.lapsbridge.policy.WindowsLapsSettings;
import io.lapsbridge.rotation.AgentTarget;
import io.lapsbridge.rotation.Checkpoint;
import io.lapsbridge.rotation.DirectoryPort;
import io.lapsbridge.rotation.EventSink;
import io.lapsbridge.rotation.PortException;
import io.lapsbridge.rotation.PublishedKey;
import io.lapsbridge.rotation.RotationCycle;
import io.lapsbridge.rpc.RpcCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds one agent cycle: what the policy asks of this device, then the rotation cycle over the
 * directory connection, the local accounts, the journal and, for an encrypted plan, the group
 * public key (from a DC with GetKey, or the published file).
 */
public final class AgentAssembly {
  private final AgentRuntime runtime;

  public AgentAssembly(AgentRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * What the agent is to do now, and the key an encrypted plan writes with.
   *
   * @param resolution managed (with the target), unmanaged or refused
   * @param key the public key; present when fetched from a DC or read from the published file
   * @param keySource where the key came from, for the output ({@code fetched from DC (GetKey,
   *     host:port)} or {@code published file PATH}); empty when the plan needs none or none came
   */
  public record Plan(AgentTarget.Resolution resolution, Optional<GroupPublicKey> key,
      Optional<String> keySource) {
    public Plan(AgentTarget.Resolution resolution, Optional<GroupPublicKey> key) {
      this(resolution, key, Optional.empty());
    }
  }

  /** As {@link #plan(DeviceArguments, List, DeviceHints, AgentConnection)}, without GetKey. */
  public Plan plan(DeviceArguments device, List<PolicySource> sources, DeviceHints hints) {
    return plan(device, sources, hints, null);
  }

  /**
   * Evaluates {@code sources} (in precedence order) for this device: the typed options override
   * what the policy file's {@code hints} say, which override the defaults (joined to AD). An
   * encrypted plan takes its public key from a DC of {@code connection} when the device can
   * authenticate there (see {@link DcPublicKey}), else from the published file.
   */
  public Plan plan(DeviceArguments device, List<PolicySource> sources, DeviceHints hints,
      AgentConnection connection) {
    JoinState join = Optional.ofNullable(device.joinState()).or(hints::joinState)
        .orElse(JoinState.AD);
    OptionalInt level = device.domainFunctionalLevel() != null
        ? OptionalInt.of(device.domainFunctionalLevel()) : hints.domainFunctionalLevel();
    DeviceFacts facts = new DeviceFacts(join, hints.domainController().orElse(false),
        hints.legacyCseInstalled().orElse(false), level);
    // @uid0 stands for the built-in Administrator, which Linux maps to a UID-0 account.
    Optional<ManagedAccount> account = device.account() == null ? Optional.empty()
        : device.firstUid0Account() ? Optional.of(new ManagedAccount.BuiltInAdministrator())
        : Optional.of(new ManagedAccount.Named(device.account()));
    PolicyEvaluation evaluation = PolicyEngine.evaluate(PolicySnapshot.read(sources), facts);
    LoadedKey key = groupPublicKey(device, evaluation, connection);
    return new Plan(AgentTarget.resolve(evaluation, account, key.checks(),
        runtime.clock().instant()), key.key(), key.source());
  }

  /**
   * The key an encrypted plan writes with: from a DC when GetKey is configured and works, the
   * published file otherwise (a missing file then says why GetKey was not used).
   */
  private LoadedKey groupPublicKey(DeviceArguments device, PolicyEvaluation evaluation,
      AgentConnection connection) {
    LoadedKey file = publishedKey(device);
    if (!evaluation.plan().encryption().encrypted()) {
      // Nothing is encrypted, so no key is used: the output names no source.
      return new LoadedKey(file.checks(), file.key(), Optional.empty());
    }
    if (device.getKey() == null || connection == null) {
      return file;
    }
    String principal = Optional.ofNullable(
        evaluation.policy().text(WindowsLapsSettings.AD_PASSWORD_ENCRYPTION_PRINCIPAL))
        .orElse("").strip();
    List<String> whyNot = new ArrayList<>();
    Optional<LoadedKey> fetched = fetched(device, connection, principal, whyNot);
    if (fetched.isPresent()) {
      return fetched.get();
    }
    if (file.checks() instanceof PublishedKey.NotGiven) {
      return new LoadedKey(new PublishedKey.NotGiven(String.join("; ", whyNot)),
          Optional.empty(), Optional.empty());
    }
    return file.because(String.join("; ", whyNot));
  }

  /** GetKey as the machine account for {@code principal}'s SID; empty, with why, otherwise. */
  private static Optional<LoadedKey> fetched(DeviceArguments device, AgentConnection connection,
      String principal, List<String> whyNot) {
    GetKeyArguments getKey = device.getKey();
    String account = getKey.account() != null ? getKey.account()
        : (device.computer() != null ? device.computer() : LocalHost.shortName()) + "$";
    Optional<RpcCredentials.NtHashKey> credentials =
        DcPublicKey.machineCredentials(getKey.keytab(), account, whyNot);
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> sid = PrincipalSids.resolve(principal, connection, whyNot);
    if (sid.isEmpty()) {
      return Optional.empty();
    }
    DcPublicKey.Result result =
        DcPublicKey.fetch(connection, getKey.rpcPort(), credentials.get(), sid.get());
    if (result.fetched().isEmpty()) {
      whyNot.add(result.whyNot());
      return Optional.empty();
    }
    DcPublicKey.Fetched key = result.fetched().get();
    return Optional.of(new LoadedKey(new PublishedKey.Fetched(key.server(), principal, sid.get(),
        key.key().interval().start().toInstant()), Optional.of(key.key()),
        Optional.of("fetched from DC (GetKey, " + key.server() + ")")));
  }

  /**
   * The cycle that carries out {@code plan} against {@code connection}. A dry run does not even
   * create the state directory.
   */
  public RotationCycle cycle(DeviceArguments device, AgentConnection connection, Plan plan,
      boolean dryRun, EventSink events) throws PortException {
    Path state = device.stateDirectory();
    FileJournal journal = dryRun && !Files.isDirectory(state)
        ? FileJournal.absent(state) : FileJournal.open(state);
    String computer = device.computer() != null ? device.computer() : LocalHost.shortName();
    Optional<EncryptedPasswordWriter> encrypted = Optional.empty();
    if (plan.resolution() instanceof AgentTarget.Managed managed
        && managed.target().encrypted()) {
      // plan() refuses an encrypted target unless the key loaded and matched.
      encrypted = Optional.of(new EncryptedPasswordWriter(plan.key().orElseThrow(),
          new LapsEncryptor(new SecureRandom()), managed.target().historySize()));
    }
    Optional<EncryptedPasswordWriter> writer = encrypted;
    DirectoryPort.Connector connector = () -> AgentDirectory.open(connection, computer, writer);
    return new RotationCycle(connector, runtime.accounts().open(device.firstUid0Account()),
        journal, PasswordGenerator.secure(), runtime.clock(), events, Checkpoint.NONE,
        runtime.random(), runtime.logins());
  }

  /**
   * What the pure checks see of the key, the key itself for the writer, and where it came from
   * for the output.
   */
  private record LoadedKey(PublishedKey checks, Optional<GroupPublicKey> key,
      Optional<String> source) {
    /** The same, its source saying why GetKey was not used. */
    LoadedKey because(String whyNotFetched) {
      return new LoadedKey(checks, key, source.map(s -> s + " (GetKey not used: "
          + whyNotFetched + ")"));
    }
  }

  /** A missing or invalid file is a refusal only if the plan needs a key. */
  private static LoadedKey publishedKey(DeviceArguments device) {
    if (device.publicKeyMaxAgeDays() < 0) {
      throw new SettingsException("--public-key-max-age-days must not be negative");
    }
    Path file = device.publicKeyFile();
    if (file == null) {
      return new LoadedKey(new PublishedKey.NotGiven(), Optional.empty(), Optional.empty());
    }
    if (!Files.isRegularFile(file)) {
      return new LoadedKey(new PublishedKey.Unusable("the public-key file " + file
          + " does not exist or is not a file"), Optional.empty(), Optional.empty());
    }
    GroupPublicKey key;
    try {
      key = PublicKeyFile.read(file);
    } catch (KeyFileException e) {
      return new LoadedKey(new PublishedKey.Unusable(e.getMessage()), Optional.empty(),
          Optional.empty());
    }
    return new LoadedKey(new PublishedKey.Loaded(file.toString(), key.descriptor().sid(),
        key.interval().start().toInstant(), Duration.ofDays(device.publicKeyMaxAgeDays())),
        Optional.of(key), Optional.of("published file " + file));
  }
}
