package io.lapsbridge.password.bench;

import io.lapsbridge.model.Secret;
import io.lapsbridge.password.PasswordGenerator;
import io.lapsbridge.password.PasswordSpec;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Generator throughput in passwords per second (a main, not a test; it was the hidden
 * {@code policy bench-generator} command). Run after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes io.lapsbridge.password.bench.GeneratorBenchmark \
 *     [COMPLEXITY [LENGTH [COUNT [seeded]]]]
 * </pre>
 *
 * Defaults: complexity 4, length 14 (6 words for passphrases), 200,000 passwords, SecureRandom.
 */
public final class GeneratorBenchmark {
  private GeneratorBenchmark() {}

  public static void main(String[] args) {
    int complexity = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int length = args.length > 1 ? Integer.parseInt(args[1]) : complexity >= 6 ? 6 : 14;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    boolean seeded = args.length > 3 && args[3].equals("seeded");
    PasswordSpec spec = PasswordSpec.of(complexity, length);
    RandomGenerator random = seeded ? new SplittableRandom(1) : new SecureRandom();
    PasswordGenerator generator = new PasswordGenerator(random);
    long sink = generate(generator, spec, Math.max(1, count / 10)); // warm-up
    long start = System.nanoTime();
    sink += generate(generator, spec, count);
    long nanos = System.nanoTime() - start;
    System.out.printf(Locale.ROOT,
        "complexity %d, %s, %s: %d passwords in %.1f ms = %.0f passwords/s (checksum %d)%n",
        complexity, spec instanceof PasswordSpec.Passphrase p
            ? p.words() + " words" : ((PasswordSpec.Characters) spec).length() + " chars",
        seeded ? "SplittableRandom" : "SecureRandom", count, nanos / 1e6,
        count / (nanos / 1e9), sink);
  }

  /** Generates {@code count} passwords; the summed lengths keep the JIT from dropping them. */
  private static long generate(PasswordGenerator generator, PasswordSpec spec, int count) {
    long sink = 0;
    for (int i = 0; i < count; i++) {
      try (Secret s = generator.generate(spec)) {
        sink += s.length();
      }
    }
    return sink;
  }
}
