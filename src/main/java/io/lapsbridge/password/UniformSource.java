package io.lapsbridge.password;

import java.util.random.RandomGenerator;

/**
 * Uniform integers below a bound, without modulo bias, from a {@link RandomGenerator}.
 *
 * <p>Masks 32 random bits down to the smallest power of two covering the bound and rejects draws
 * at or above it, so every index has probability exactly 1/bound (given uniform input bits). At
 * least half of the draws are accepted.
 */
public final class UniformSource {
  private final RandomGenerator random;

  public UniformSource(RandomGenerator random) {
    if (random == null) {
      throw new IllegalArgumentException("random generator must not be null");
    }
    this.random = random;
  }

  /** A uniform integer in {@code [0, bound)}. */
  public int below(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    if (bound == 1) {
      return 0;
    }
    int mask = -1 >>> Integer.numberOfLeadingZeros(bound - 1);
    int draw;
    do {
      draw = random.nextInt() & mask;
    } while (draw >= bound);
    return draw;
  }
}
