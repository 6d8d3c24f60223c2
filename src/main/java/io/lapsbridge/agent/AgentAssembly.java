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
import io.lapsbridge.policy.PolicySource;
import io.lapsbridge.rotation.AgentTarget;
import io.lapsbridge.rotation.Checkpoint;
import io.lapsbridge.rotation.DirectoryPort;
import io.lapsbridge.rotation.EventSink;
import io.lapsbridge.rotation.PortException;
import io.lapsbridge.rotation.PublishedKey;
import io.lapsbridge.rotation.RotationCycle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds one agent cycle: what the policy asks of this device, then the rotation cycle over the
 * directory connection, the local accounts, the journal and, for an encrypted plan, the published
 * public key.
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
   * @param key the published public key; present when the file was given and could be read
   */
  public record Plan(AgentTarget.Resolution resolution, Optional<GroupPublicKey> key) {}

  /**
   * Evaluates {@code sources} (in precedence order) for this device: the typed options override
   * what the policy file's {@code hints} say, which override the defaults (joined to AD).
   */
  public Plan plan(DeviceArguments device, List<PolicySource> sources, DeviceHints hints) {
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
    LoadedKey key = publishedKey(device);
    return new Plan(AgentTarget.resolve(
        PolicyEngine.evaluate(PolicySnapshot.read(sources), facts), account, key.checks(),
        runtime.clock().instant()), key.key());
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
        journal, PasswordGenerator.secure(), runtime.clock(), events, Checkpoint.NONE);
  }

  /** What the pure checks see of the key file, and the key itself for the writer. */
  private record LoadedKey(PublishedKey checks, Optional<GroupPublicKey> key) {}

  /** A missing or invalid file is a refusal only if the plan needs a key. */
  private static LoadedKey publishedKey(DeviceArguments device) {
    if (device.publicKeyMaxAgeDays() < 0) {
      throw new SettingsException("--public-key-max-age-days must not be negative");
    }
    Path file = device.publicKeyFile();
    if (file == null) {
      return new LoadedKey(new PublishedKey.NotGiven(), Optional.empty());
    }
    if (!Files.isRegularFile(file)) {
      return new LoadedKey(new PublishedKey.Unusable("the public-key file " + file
          + " does not exist or is not a file"), Optional.empty());
    }
    GroupPublicKey key;
    try {
      key = PublicKeyFile.read(file);
    } catch (KeyFileException e) {
      return new LoadedKey(new PublishedKey.Unusable(e.getMessage()), Optional.empty());
    }
    return new LoadedKey(new PublishedKey.Loaded(file.toString(), key.descriptor().sid(),
        key.interval().start().toInstant(), Duration.ofDays(device.publicKeyMaxAgeDays())),
        Optional.of(key));
  }
}
