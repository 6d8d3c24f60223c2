package io.lapsbridge.bench;

import io.lapsbridge.crypto.LapsEncryptor;
import io.lapsbridge.directory.AgentConnection;
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
import io.lapsbridge.rotation.PortException;
import io.lapsbridge.rotation.RotationCycle;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One agent cycle for the fault campaign, as its own process: the real {@link RotationCycle}
 * against the stand-in directory, the root-only file journal and {@link CampaignAccounts}. At
 * each step boundary it prints {@code STEP name} and lingers a few milliseconds, so that a kill
 * the campaign aims after a boundary lands inside the next step, not on the boundary.
 *
 * <p>Arguments: port certificate stateDir accountsDir computer LEGACY|WINDOWS lingerSeed
 * [publicKeyFile]; with the key file the Windows family is written encrypted (history 1).
 */
public final class CampaignAgent {
  private CampaignAgent() {}

  public static void main(String[] args) throws Exception {
    Random linger = new Random(Long.parseLong(args[6]));
    Checkpoint checkpoint = step -> {
      System.out.println("STEP " + step);
      System.out.flush();
      try {
        Thread.sleep(2 + linger.nextInt(14));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Optional<Path> publicKey = args.length > 7 ? Optional.of(Path.of(args[7])) : Optional.empty();
    System.out.println("STEP STARTED");
    CycleOutcome outcome = cycle(Integer.parseInt(args[0]), Path.of(args[1]), Path.of(args[2]),
        Path.of(args[3]), args[4], checkpoint, line -> { }, publicKey)
        .run(target(AttributeFamily.valueOf(args[5]), publicKey), true, false);
    System.out.println("OUTCOME " + outcome.status());
    System.exit(outcome.status().success() ? 0 : 1);
  }

  /** A cycle; the campaign runs the restart in its own process with {@link Checkpoint#NONE}. */
  static RotationCycle cycle(int port, Path certificate, Path state, Path accounts,
      String computer, Checkpoint checkpoint, EventSink events, Optional<Path> publicKey)
      throws PortException {
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
        new MachineBind.Simple(StandInDirectory.ADMIN_DN,
            Secret.of(StandInDirectory.ADMIN_PASSWORD)),
        null, Duration.ofSeconds(20));
    return new RotationCycle(() -> AgentDirectory.open(connection, computer, encrypted),
        new CampaignAccounts(accounts), FileJournal.open(state), PasswordGenerator.secure(),
        Clock.systemUTC(), events, checkpoint);
  }

  /** The policy: account lapsadmin, 30 days, history 1 when encrypted. */
  static AgentTarget.Resolution target(AttributeFamily family, Optional<Path> publicKey) {
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
