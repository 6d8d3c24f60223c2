package io.lapsbridge.doctor;

import java.util.List;

/** What a whole {@code doctor} run found, and the exit decision on it. */
public final class Findings {
  private Findings() {}

  /** Whether any finding is a problem: {@code doctor} then exits 1. */
  public static boolean anyProblem(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.status() == Status.PROBLEM);
  }

  /** How many findings have {@code status}. */
  public static long count(List<Finding> findings, Status status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }

  /** At most {@code limit} items joined by ", ", with "and N more" when there are more. */
  static String some(List<String> items, int limit) {
    if (items.size() <= limit) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, limit)) + " and " + (items.size() - limit)
        + " more";
  }
}
