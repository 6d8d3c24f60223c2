package io.lapsbridge.password;

/**
 * A set of characters of which a password must contain at least one.
 *
 * @param name what the class is, for messages
 * @param chars its distinct characters
 */
public record CharacterClass(String name, String chars) {
  public CharacterClass {
    if (chars.isEmpty() || chars.chars().distinct().count() != chars.length()) {
      throw new IllegalArgumentException(name + ": characters must be distinct and non-empty");
    }
  }

  public boolean contains(char c) {
    return chars.indexOf(c) >= 0;
  }

  public int size() {
    return chars.length();
  }
}
