package io.lapsbridge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lapsbridge.rpc.Mutator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Seeded text mutations for the fuzz tests of the text formats (JSON, YAML, properties, FILETIME
 * text): character edits with tokens that matter to those grammars, range deletion, duplication
 * and truncation; and, for byte-level readers, the same over UTF-8 or {@link Mutator}'s byte
 * edits (which also produce invalid UTF-8). One to four edits per input.
 */
public final class TextMutator {
  private static final String[] TOKENS = {
    "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\\u0000", "null", "true", "false", "-", "0",
    "1", "9", "-1", "1e999", "1.5", "99999999999999999999", "\n", "\r", "\t", " ", "#", "=", "!",
    "- ", ": ", "&a", "*a", "!!binary", "'", "\u0000", "\u00e9", "\ud83d\ude00", "\ud800", "\ufeff",
    "x", "A", "f", "F", "g", "+", ".", "...", "---", "|", ">", "%", "$"};

  private TextMutator() {}

  /** One to four edits of {@code text}. */
  public static String mutate(String text, Random r) {
    StringBuilder b = new StringBuilder(text);
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
      switch (r.nextInt(8)) {
        case 0 -> {
          if (at < b.length()) {
            b.setCharAt(at, (char) (b.charAt(at) ^ (1 << r.nextInt(7))));
          }
        }
        case 1 -> b.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
        case 2 -> {
          if (at < b.length()) {
            b.replace(at, at + 1, TOKENS[r.nextInt(TOKENS.length)]);
          }
        }
        case 3 -> b.setLength(at);
        case 4 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(16)));
        case 5 -> {
          int end = Math.min(b.length(), at + 1 + r.nextInt(32));
          b.insert(at, b.substring(at, end));
        }
        case 6 -> {
          if (at < b.length()) {
            b.setCharAt(at, (char) r.nextInt(128));
          }
        }
        default -> {
          // Move a slice elsewhere: reorders keys, lines and brackets.
          int end = Math.min(b.length(), at + 1 + r.nextInt(24));
          String slice = b.substring(at, end);
          b.delete(at, end);
          b.insert(b.length() == 0 ? 0 : r.nextInt(b.length() + 1), slice);
        }
      }
    }
    return b.toString();
  }

  /** Mostly text edits encoded as UTF-8; one input in four gets byte edits instead. */
  public static byte[] mutateBytes(String text, Random r) {
    if (r.nextInt(4) == 0) {
      return Mutator.mutate(text.getBytes(StandardCharsets.UTF_8), r);
    }
    return mutate(text, r).getBytes(StandardCharsets.UTF_8);
  }

  /** For formats that hold no secret. */
  public static boolean nothing(String message) {
    return false;
  }

  /**
   * Replaces {@code file}'s content for a reader that takes a path. Written over in place and
   * then cut to length, never truncated to zero first: on ext4 a truncate-and-rewrite forces a
   * write-back on close (auto_da_alloc), which made 100,000 inputs take minutes.
   */
  public static Path overwrite(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer, buffer.position());
      }
      channel.truncate(bytes.length);
    }
    return file;
  }

  /** One fuzzing input's parse; returns normally on success. */
  @FunctionalInterface
  public interface Parse<T> {
    void run(T input) throws Exception;
  }

  /** Makes one mutated input from a seed document. */
  @FunctionalInterface
  public interface Make<T> {
    T make(String seed, Random r);
  }

  /** How a fuzz run ended. */
  public record Outcome(int inputs, int parsed, int rejected, long millis) {}

  /**
   * Runs {@code inputs} mutated inputs, each parsing or failing with exactly {@code clean}, with
   * a non-empty message for which {@code leaks} is false (for example, one that holds a password);
   * anything else fails with the seed and input number needed to replay it. Both outcomes must occur, or the mutations miss the parser.
   */
  public static <T> Outcome run(String name, long seed, int inputs, List<String> seeds,
      Make<T> make, Parse<T> parse, Class<? extends Exception> clean, Predicate<String> leaks) {
    Random random = new Random(seed);
    int parsed = 0;
    int rejected = 0;
    long start = System.nanoTime();
    for (int i = 0; i < inputs; i++) {
      T input = make.make(seeds.get(i % seeds.size()), random);
      try {
        parse.run(input);
        parsed++;
      } catch (Exception e) {
        if (e.getClass() != clean) {
          fail(name + ": seed " + seed + " input " + i + " threw " + e, e);
        }
        String message = e.getMessage();
        assertTrue(message != null && !message.isBlank(),
            name + ": seed " + seed + " input " + i + ": empty message");
        assertFalse(leaks.test(message),
            name + ": seed " + seed + " input " + i + ": message holds a secret: " + message);
        rejected++;
      } catch (Throwable t) {
        fail(name + ": seed " + seed + " input " + i + " threw " + t, t);
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(inputs, parsed + rejected);
    System.out.printf("%s: %d inputs (%d parsed, %d rejected) in %d ms, seed %#x%n",
        name, inputs, parsed, rejected, millis, seed);
    assertTrue(parsed > 0, name + ": nothing parsed");
    assertTrue(rejected > 0, name + ": nothing rejected");
    return new Outcome(inputs, parsed, rejected, millis);
  }
}
