package io.lapsbridge.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell line into words: blanks separate words; {@code "..."} and {@code '...'} keep
 * blanks (a DN such as {@code "CN=PC 1,OU=Lab"}); inside double quotes a backslash escapes the
 * next character. An unclosed quote is a usage problem, never a guess.
 */
final class ShellWords {
  private ShellWords() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed " + (quote == '"' ? "double" : "single")
          + " quote");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
