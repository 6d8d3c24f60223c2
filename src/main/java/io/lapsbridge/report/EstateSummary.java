package io.lapsbridge.report;

import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.LapsAttribute;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many computers are in each LAPS state, as {@code demo} reads its estate back: a check that
 * what the sample estate generated is what a client sees.
 */
public final class EstateSummary {
  private final Instant now;
  private final Map<String, Integer> counts = new TreeMap<>();

  /** Counts a password as expired when its expiry is before {@code now}. */
  public EstateSummary(Instant now) {
    this.now = now;
  }

  public void add(LapsRecord computer) {
    counts.merge(stateOf(computer), 1, Integer::sum);
  }

  /** One line per state, in name order: {@code   legacy only            12}. */
  public void print(PrintWriter out) {
    counts.forEach((state, count) -> out.printf("  %-18s %6d%n", state, count));
  }

  String stateOf(LapsRecord computer) {
    if (!computer.problems().isEmpty()) {
      return "malformed";
    }
    if (computer.has(LapsAttribute.ENCRYPTED_PASSWORD)
        || computer.has(LapsAttribute.ENCRYPTED_DSRM_PASSWORD)) {
      return "windows encrypted";
    }
    boolean legacy = computer.uses(AttributeFamily.LEGACY);
    boolean windows = computer.uses(AttributeFamily.WINDOWS);
    if (legacy && windows) {
      return "both families";
    }
    if (legacy) {
      return expired(computer.legacyExpiration()) ? "legacy expired" : "legacy only";
    }
    if (windows) {
      return expired(computer.windowsExpiration()) ? "windows expired" : "windows cleartext";
    }
    return "neither";
  }

  /** No expiry at all counts as expired: the client rotates at once. */
  private boolean expired(Optional<FileTime> expiry) {
    return expiry.map(e -> e.isBefore(now)).orElse(true);
  }
}
