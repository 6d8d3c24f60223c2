package io.lapsbridge.password;

import java.util.List;

/** What to generate: characters from classes, or a passphrase of words. */
public sealed interface PasswordSpec permits PasswordSpec.Characters, PasswordSpec.Passphrase {

  /** Shortest and longest password Windows LAPS accepts (PasswordLength). */
  int MIN_LENGTH = 8;
  int MAX_LENGTH = 64;
  /** Fewest and most passphrase words (PassphraseLength). */
  int MIN_WORDS = 3;
  int MAX_WORDS = 10;

  /** Generates one password from {@code uniform}. */
  char[] generate(UniformSource uniform);

  /** The spec of PasswordComplexity {@code complexity} with {@code length} characters or words. */
  static PasswordSpec of(int complexity, int length) {
    if (complexity >= 1 && complexity <= 5) {
      if (length < MIN_LENGTH || length > MAX_LENGTH) {
        throw new IllegalArgumentException("password length " + length + " is out of range "
            + MIN_LENGTH + "-" + MAX_LENGTH);
      }
      return new Characters(CharacterSets.forComplexity(complexity), length);
    }
    if (complexity >= 6 && complexity <= 8) {
      if (length < MIN_WORDS || length > MAX_WORDS) {
        throw new IllegalArgumentException("passphrase length " + length + " words is out of range "
            + MIN_WORDS + "-" + MAX_WORDS);
      }
      return new Passphrase(WordList.forComplexity(complexity), length);
    }
    throw new IllegalArgumentException("complexity " + complexity + " is out of range 1-8");
  }

  /** At least one character of every class; otherwise uniform over their union. */
  record Characters(List<CharacterClass> classes, int length) implements PasswordSpec {
    public Characters {
      classes = List.copyOf(classes);
      if (length < classes.size()) {
        throw new IllegalArgumentException("length " + length + " cannot hold one character of"
            + " each of " + classes.size() + " classes");
      }
    }

    /** Every allowed character, each once. */
    public String alphabet() {
      StringBuilder all = new StringBuilder();
      classes.forEach(c -> all.append(c.chars()));
      return all.toString();
    }

    @Override
    public char[] generate(UniformSource uniform) {
      String alphabet = alphabet();
      char[] password = new char[length];
      // Rejection sampling over whole passwords: draw every position uniformly from the union and
      // start again if a class is missing. The result is uniform over all compliant passwords,
      // unlike forcing classes into fixed positions as the legacy client did.
      while (true) {
        for (int i = 0; i < length; i++) {
          password[i] = alphabet.charAt(uniform.below(alphabet.length()));
        }
        if (coversAllClasses(password)) {
          return password;
        }
      }
    }

    boolean coversAllClasses(char[] password) {
      for (CharacterClass c : classes) {
        boolean found = false;
        for (char p : password) {
          if (c.contains(p)) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    }
  }

  /** Words drawn uniformly, each capitalised, joined without separators. */
  record Passphrase(WordList list, int words) implements PasswordSpec {
    @Override
    public char[] generate(UniformSource uniform) {
      List<String> all = list.words();
      String[] chosen = new String[words];
      int total = 0;
      for (int i = 0; i < words; i++) {
        chosen[i] = all.get(uniform.below(all.size()));
        total += chosen[i].length();
      }
      char[] phrase = new char[total];
      int at = 0;
      for (String word : chosen) {
        word.getChars(0, word.length(), phrase, at);
        phrase[at] = Character.toUpperCase(phrase[at]);
        at += word.length();
      }
      return phrase;
    }
  }
}
