package io.lapsbridge.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One of EFF's passphrase word lists, loaded from the resources beside this class.
 *
 * <p>These are EFF's unmodified originals (see {@code LICENSE-EFF-WORDLISTS.txt}); Microsoft's
 * Windows LAPS ships trimmed copies of the short lists (1,276 words).
 */
public final class WordList {
  /** Complexity 6: EFF large list, 7,776 words. */
  public static final String LARGE = "eff_large_wordlist.txt";
  /** Complexity 7: EFF short list 1, 1,296 short words. */
  public static final String SHORT = "eff_short_wordlist_1.txt";
  /** Complexity 8: EFF short list 2.0, 1,296 words with unique three-letter prefixes. */
  public static final String SHORT_UNIQUE_PREFIX = "eff_short_wordlist_2_0.txt";

  private final String resource;
  private final List<String> words;

  private WordList(String resource, List<String> words) {
    this.resource = resource;
    this.words = List.copyOf(words);
  }

  /** The list for passphrase complexity 6, 7 or 8. */
  public static WordList forComplexity(int complexity) {
    return switch (complexity) {
      case 6 -> Holder.LARGE_LIST;
      case 7 -> Holder.SHORT_LIST;
      case 8 -> Holder.SHORT_UNIQUE_LIST;
      default -> throw new IllegalArgumentException(
          "complexity " + complexity + " is not a passphrase (expected 6-8)");
    };
  }

  public String resource() {
    return resource;
  }

  public List<String> words() {
    return words;
  }

  public int size() {
    return words.size();
  }

  /** Reads a dice list: one {@code <dice digits> TAB <word>} per line. */
  static WordList load(String resource) {
    try (InputStream in = WordList.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("word list resource missing: " + resource);
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> words = new ArrayList<>();
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        int tab = line.indexOf('\t');
        if (tab <= 0 || tab == line.length() - 1) {
          throw new IllegalStateException(resource + ":" + number + ": expected dice TAB word");
        }
        words.add(line.substring(tab + 1));
      }
      return new WordList(resource, words);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read word list " + resource, e);
    }
  }

  /** Lazy, so that password-only use never reads the lists. */
  private static final class Holder {
    static final WordList LARGE_LIST = load(LARGE);
    static final WordList SHORT_LIST = load(SHORT);
    static final WordList SHORT_UNIQUE_LIST = load(SHORT_UNIQUE_PREFIX);
  }
}
