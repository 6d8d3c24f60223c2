package io.lapsbridge.password;

import java.util.List;

/**
 * The character classes of PasswordComplexity 1-5.
 *
 * <p>Levels 1-4 use the legacy AdmPwd sets, complete: the legacy client's off-by-one never drew
 * the last character of a set (Z, z, 9, |); here every character can appear. The legacy specials
 * list {@code +} twice, which would double its weight; it appears once here. Level 5 is Windows
 * LAPS' readability set, without look-alikes.
 */
public final class CharacterSets {
  private CharacterSets() {}

  public static final CharacterClass UPPER =
      new CharacterClass("upper-case letters", "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  public static final CharacterClass LOWER =
      new CharacterClass("lower-case letters", "abcdefghijklmnopqrstuvwxyz");
  public static final CharacterClass DIGITS = new CharacterClass("digits", "0123456789");
  /** The legacy specials, de-duplicated; includes {@code |}, which Windows LAPS' doc omits. */
  public static final CharacterClass SPECIALS =
      new CharacterClass("special characters", ",.-+;!#&@{}[]$/()%|");

  public static final CharacterClass READABLE_UPPER =
      new CharacterClass("upper-case letters", "ABCDEFGHJKLMNPRSTUVWXYZ");
  public static final CharacterClass READABLE_LOWER =
      new CharacterClass("lower-case letters", "abcdefghijkmnpqrstuvwxyz");
  public static final CharacterClass READABLE_DIGITS = new CharacterClass("digits", "23456789");
  public static final CharacterClass READABLE_SPECIALS =
      new CharacterClass("special characters", "!#%+@:=?*");

  /** The classes of complexity 1-5. */
  public static List<CharacterClass> forComplexity(int complexity) {
    return switch (complexity) {
      case 1 -> List.of(UPPER);
      case 2 -> List.of(UPPER, LOWER);
      case 3 -> List.of(UPPER, LOWER, DIGITS);
      case 4 -> List.of(UPPER, LOWER, DIGITS, SPECIALS);
      case 5 -> List.of(READABLE_UPPER, READABLE_LOWER, READABLE_DIGITS, READABLE_SPECIALS);
      default -> throw new IllegalArgumentException(
          "complexity " + complexity + " has no character sets (expected 1-5)");
    };
  }
}
