package io.lapsbridge.password;

import io.lapsbridge.model.Secret;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Generates LAPS passwords and passphrases for PasswordComplexity 1-8.
 *
 * <p>Production code uses {@link #secure()}; tests inject a seeded generator.
 */
public final class PasswordGenerator {
  private final UniformSource uniform;

  public PasswordGenerator(RandomGenerator random) {
    this.uniform = new UniformSource(random);
  }

  /** A generator backed by {@link SecureRandom}. */
  public static PasswordGenerator secure() {
    return new PasswordGenerator(new SecureRandom());
  }

  /**
   * A password of {@code complexity} 1-5 with {@code length} characters (8-64), or a passphrase
   * of complexity 6-8 with {@code length} words (3-10).
   *
   * @throws IllegalArgumentException when a parameter is out of range
   */
  public Secret generate(int complexity, int length) {
    return generate(PasswordSpec.of(complexity, length));
  }

  public Secret generate(PasswordSpec spec) {
    return Secret.adopt(spec.generate(uniform));
  }
}
