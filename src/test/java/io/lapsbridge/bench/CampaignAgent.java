package io.lapsbridge.bench;

import io.lapsbridge.cli.KillableAgent;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.rotation.AgentTarget;
import io.lapsbridge.rotation.Checkpoint;
import io.lapsbridge.rotation.CycleOutcome;
import io.lapsbridge.rotation.EventSink;
import io.lapsbridge.rotation.PortException;
import io.lapsbridge.rotation.RotationCycle;
import java.nio.file.Path;
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
    return KillableAgent.cycle(port, certificate, state, new CampaignAccounts(accounts),
        computer, checkpoint, events, publicKey);
  }

  static AgentTarget.Resolution target(AttributeFamily family, Optional<Path> publicKey) {
    return KillableAgent.target(family, publicKey);
  }
}
