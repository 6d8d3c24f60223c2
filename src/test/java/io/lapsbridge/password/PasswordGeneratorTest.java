package io.lapsbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.Secret;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordGeneratorTest {

  @ParameterizedTest(name = "complexity {0}")
  @CsvSource({
    "1, ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "2, ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "3, ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,.-+;!#&@{}[]$/()%|'",
    "5, ABCDEFGHJKLMNPRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789!#%+@:=?*",
  })
  void exactCharacterSetMembershipAndEveryClassPresent(int complexity, String alphabet) {
    PasswordSpec.Characters spec = (PasswordSpec.Characters) PasswordSpec.of(complexity, 8);
    assertEquals(alphabet, spec.alphabet());
    PasswordGenerator generator = new PasswordGenerator(new SplittableRandom(complexity));
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      int length = 8 + i % 57;
      try (Secret secret = generator.generate(complexity, length)) {
        char[] password = secret.chars();
        assertEquals(length, password.length);
        for (char c : password) {
          assertTrue(alphabet.indexOf(c) >= 0, "unexpected character");
          seen.add(c);
        }
        for (CharacterClass required : spec.classes()) {
          boolean present = false;
          for (char c : password) {
            present |= required.contains(c);
          }
          assertTrue(present, "missing " + required.name());
        }
      }
    }
    // Every character of the alphabet is reachable.
    assertEquals(alphabet.length(), seen.size());
  }

  @Test
  void legacyOffByOneIsNotReproduced() {
    // The legacy client drew "rand() % (len - 1)", so the last character of each set never
    // appeared. All four must appear here.
    PasswordGenerator generator = new PasswordGenerator(new SplittableRandom(99));
    Set<Character> wanted = new HashSet<>(List.of('Z', 'z', '9', '|'));
    for (int i = 0; i < 2_000 && !wanted.isEmpty(); i++) {
      try (Secret secret = generator.generate(4, 14)) {
        for (char c : secret.chars()) {
          wanted.remove(c);
        }
      }
    }
    assertEquals(Set.of(), wanted);
  }

  /** Chi-square statistic of per-character counts within each class. */
  private static double withinClassChiSquare(long[] counts, List<CharacterClass> classes,
      String alphabet) {
    double chi = 0;
    for (CharacterClass c : classes) {
      long total = 0;
      for (char ch : c.chars().toCharArray()) {
        total += counts[alphabet.indexOf(ch)];
      }
      double expected = (double) total / c.size();
      for (char ch : c.chars().toCharArray()) {
        double d = counts[alphabet.indexOf(ch)] - expected;
        chi += d * d / expected;
      }
    }
    return chi;
  }

  /** Wilson-Hilferty approximation of the chi-square quantile at p = 1e-6 (z = 4.753). */
  private static double critical(int degreesOfFreedom) {
    double k = degreesOfFreedom;
    double t = 1 - 2 / (9 * k) + 4.753 * Math.sqrt(2 / (9 * k));
    return k * t * t * t;
  }

  private static int degreesOfFreedom(List<CharacterClass> classes) {
    return classes.stream().mapToInt(c -> c.size() - 1).sum();
  }

  @ParameterizedTest(name = "complexity {0}")
  @ValueSource(ints = {4, 5})
  void chiSquareUniformityWithinEveryClass(int complexity) {
    // Whole-password rejection keeps characters of one class exchangeable, so within a class
    // every character must be equally likely. 100,000 passwords of 14 characters.
    PasswordSpec.Characters spec = (PasswordSpec.Characters) PasswordSpec.of(complexity, 14);
    String alphabet = spec.alphabet();
    long[] counts = new long[alphabet.length()];
    UniformSource uniform = new UniformSource(new SplittableRandom(20261125L + complexity));
    for (int i = 0; i < 100_000; i++) {
      for (char c : spec.generate(uniform)) {
        counts[alphabet.indexOf(c)]++;
      }
    }
    double chi = withinClassChiSquare(counts, spec.classes(), alphabet);
    int df = degreesOfFreedom(spec.classes());
    assertTrue(chi < critical(df), "chi-square " + chi + " >= " + critical(df) + " (df " + df + ")");
  }

  @Test
  void chiSquareTestCanFail() {
    // The same statistic on the legacy sampler (off-by-one plus modulo of a byte) must reject.
    List<CharacterClass> classes = CharacterSets.forComplexity(4);
    String alphabet = ((PasswordSpec.Characters) PasswordSpec.of(4, 14)).alphabet();
    SplittableRandom random = new SplittableRandom(7);
    long[] offByOne = new long[alphabet.length()];
    long[] moduloBias = new long[alphabet.length()];
    for (int i = 0; i < 1_400_000; i++) {
      CharacterClass c = classes.get(random.nextInt(classes.size()));
      offByOne[alphabet.indexOf(c.chars().charAt(random.nextInt(c.size() - 1)))]++;
      moduloBias[alphabet.indexOf(c.chars().charAt(random.nextInt(256) % c.size()))]++;
    }
    int df = degreesOfFreedom(classes);
    assertTrue(withinClassChiSquare(offByOne, classes, alphabet) > critical(df));
    assertTrue(withinClassChiSquare(moduloBias, classes, alphabet) > critical(df));
  }

  @Test
  void uniformSourceRejectsInsteadOfFolding() {
    int[] script = {30, 27, 26, 5};
    RandomGenerator scripted = new RandomGenerator() {
      int next;

      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int nextInt() {
        return script[next++];
      }
    };
    // Bound 26 masks to 5 bits; 30, 27 and 26 are rejected, never folded onto 4, 1 and 0.
    assertEquals(5, new UniformSource(scripted).below(26));
  }

  @ParameterizedTest(name = "complexity {0}")
  @ValueSource(ints = {6, 7, 8})
  void passphrasesAreCapitalisedWordsWithoutSeparators(int complexity) {
    WordList list = WordList.forComplexity(complexity);
    for (int seed = 0; seed < 200; seed++) {
      UniformSource replay = new UniformSource(new SplittableRandom(seed));
      StringBuilder expected = new StringBuilder();
      for (int w = 0; w < 5; w++) {
        String word = list.words().get(replay.below(list.size()));
        expected.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
      try (Secret secret = new PasswordGenerator(new SplittableRandom(seed))
          .generate(complexity, 5)) {
        assertEquals(expected.toString(), secret.reveal());
      }
    }
  }

  @Test
  void outOfRangeRequestsAreRefusedPrecisely() {
    assertEquals("password length 7 is out of range 8-64",
        assertThrows(IllegalArgumentException.class, () -> PasswordSpec.of(4, 7)).getMessage());
    assertEquals("passphrase length 11 words is out of range 3-10",
        assertThrows(IllegalArgumentException.class, () -> PasswordSpec.of(6, 11)).getMessage());
    assertEquals("complexity 9 is out of range 1-8",
        assertThrows(IllegalArgumentException.class, () -> PasswordSpec.of(9, 14)).getMessage());
  }

  @Test
  void secretNeverPrints() {
    assertEquals("****", new PasswordGenerator(new SplittableRandom(1)).generate(4, 14)
        .toString());
  }
}
