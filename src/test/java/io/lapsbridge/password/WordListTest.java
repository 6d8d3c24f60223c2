package io.lapsbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Pins the shipped EFF lists: EFF's originals, not Microsoft's trimmed 1,276-word copies. The
 * checksums are those of EFF's published files (eff.org/files/2016/...).
 */
class WordListTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "eff_large_wordlist.txt,     6, 7776, addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e, abacus,   zoom",
    "eff_short_wordlist_1.txt,   7, 1296, 8f5ca830b8bffb6fe39c9736c024a00a6a6411adb3f83a9be8bfeeb6e067ae69, acid,     zoom",
    "eff_short_wordlist_2_0.txt, 8, 1296, 22b45c52e0bd0bbf03aa522240b111eb4c7c0c1d86c4e518e1be2a7eb2a625e4, aardvark, zucchini",
  })
  void listsAreEffsOriginals(String resource, int complexity, int count, String sha256,
      String first, String last) throws IOException, NoSuchAlgorithmException {
    byte[] bytes;
    try (InputStream in = WordList.class.getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      bytes = in.readAllBytes();
    }
    assertEquals(sha256,
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    WordList list = WordList.forComplexity(complexity);
    assertEquals(resource, list.resource());
    assertEquals(count, list.size());
    assertEquals(count, new HashSet<>(list.words()).size(), "words are distinct");
    assertEquals(first, list.words().get(0));
    assertEquals(last, list.words().get(count - 1));
  }

  @Test
  void shortListTwoHasUniqueThreeLetterPrefixes() {
    List<String> words = WordList.forComplexity(8).words();
    assertEquals(words.size(),
        words.stream().map(w -> w.substring(0, 3)).collect(Collectors.toSet()).size());
  }

  @Test
  void onlyLowerCaseLettersAndTheOriginalHyphens() {
    // EFF's originals keep a few hyphenated words (e.g. "yo-yo"); we do not edit them.
    for (int complexity = 6; complexity <= 8; complexity++) {
      for (String word : WordList.forComplexity(complexity).words()) {
        assertEquals(true, word.matches("[a-z]+(-[a-z]+)?"), word);
      }
    }
  }
}
