package io.lapsbridge.cli;

import io.lapsbridge.directory.AgentConnection;
import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.directory.AgentDirectory;
import io.lapsbridge.directory.EncryptedPasswordWriter;
import io.lapsbridge.directory.MachineBind;
import io.lapsbridge.directory.TransportSecurity;
import io.lapsbridge.embedded.StandInDirectory;
import io.lapsbridge.keyfile.KeyFileException;
import io.lapsbridge.keyfile.PublicKeyFile;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.Secret;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.platform.journal.FileJournal;
import io.lapsbridge.policy.ManagedAccount;
import io.lapsbridge.rotation.AgentTarget;
import io.lapsbridge.rotation.Checkpoint;
import io.lapsbridge.rotation.CycleOutcome;
import io.lapsbridge.rotation.EventSink;
import io.lapsbridge.rotation.LocalAccountPort;
import io.lapsbridge.rotation.PortException;
import io.lapsbridge.rotation.RotationCycle;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The agent's real cycle (stand-in directory, file journal) over the file-backed fake account,
 * run as its own process so that the kill test can SIGKILL it at a chosen step: it prints
 * {@code PAUSED step} there and waits to be killed.
 *
 * <p>Arguments: port certificate stateDir accountsDir computer family pauseStep|NONE
 * [publicKeyFile]; with the key file the Windows family is written encrypted (history 1).
 */
public final class KillableAgent {
  private KillableAgent() {}

  public static void main(String[] args) throws Exception {
    Checkpoint.Step pause = args[6].equals("NONE") ? null : Checkpoint.Step.valueOf(args[6]);
    Checkpoint checkpoint = step -> {
      if (step == pause) {
        System.out.println("PAUSED " + step);
        System.out.flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    Optional<Path> publicKey = args.length > 7 ? Optional.of(Path.of(args[7])) : Optional.empty();
    CycleOutcome outcome = cycle(Integer.parseInt(args[0]), Path.of(args[1]), Path.of(args[2]),
        Path.of(args[3]), args[4], checkpoint, System.err::println, publicKey)
        .run(target(AttributeFamily.valueOf(args[5]), publicKey), true, false);
    System.out.println("OUTCOME " + outcome.status());
    System.exit(outcome.status().success() ? 0 : 1);
  }

  static RotationCycle cycle(int port, Path certificate, Path state, Path accounts,
      String computer, Checkpoint checkpoint, EventSink events) throws PortException {
    return cycle(port, certificate, state, accounts, computer, checkpoint, events,
        Optional.empty());
  }

  static RotationCycle cycle(int port, Path certificate, Path state, Path accounts,
      String computer, Checkpoint checkpoint, EventSink events, Optional<Path> publicKey)
      throws PortException {
    return cycle(port, certificate, state, new FileAccounts(accounts), computer, checkpoint,
        events, publicKey);
  }

  /**
   * The agent's real cycle against the stand-in at {@code port}, bound as its administrator,
   * with {@code accounts} as the local side (the fault campaign brings a durable one).
   */
  public static RotationCycle cycle(int port, Path certificate, Path state,
      LocalAccountPort accounts, String computer, Checkpoint checkpoint, EventSink events,
      Optional<Path> publicKey) throws PortException {
    Optional<EncryptedPasswordWriter> writer = Optional.empty();
    if (publicKey.isPresent()) {
      try {
        writer = Optional.of(new EncryptedPasswordWriter(PublicKeyFile.read(publicKey.get()),
            new LapsEncryptor(new SecureRandom()), 1));
      } catch (KeyFileException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    Optional<EncryptedPasswordWriter> encrypted = writer;
    AgentConnection connection = new AgentConnection(List.of("127.0.0.1:" + port),
        Optional.empty(), TransportSecurity.START_TLS, certificate,
        new MachineBind.Simple(StandInDirectory.ADMIN_DN, Secret.of(StandInDirectory.ADMIN_PASSWORD)),
        null, Duration.ofSeconds(20));
    return new RotationCycle(() -> AgentDirectory.open(connection, computer, encrypted),
        accounts, FileJournal.open(state), PasswordGenerator.secure(),
        Clock.systemUTC(), events, checkpoint);
  }

  static AgentTarget.Resolution target(AttributeFamily family) {
    return target(family, Optional.empty());
  }

  /** The policy: account lapsadmin, 30 days, history 1 when encrypted to the key's SID. */
  public static AgentTarget.Resolution target(AttributeFamily family,
      Optional<Path> publicKey) {
    Optional<String> sid = Optional.empty();
    if (publicKey.isPresent()) {
      try {
        sid = Optional.of(PublicKeyFile.read(publicKey.get()).descriptor().sid());
      } catch (KeyFileException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    AgentTarget target = new AgentTarget(family, new ManagedAccount.Named("lapsadmin"), 30, 4,
        14, false, 0, 1, sid, sid.isPresent() ? 1 : 0);
    return new AgentTarget.Managed(target, target.describe());
  }
}
