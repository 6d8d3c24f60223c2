package io.lapsbridge.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
  @Test
  void blanksSeparateAndQuotesKeepBlanks() {
    assertEquals(List.of("get", "PC1", "--history"), ShellWords.split("  get\tPC1   --history "));
    assertEquals(List.of("get", "CN=PC 1,OU=Lab,DC=example,DC=com"),
        ShellWords.split("get \"CN=PC 1,OU=Lab,DC=example,DC=com\""));
    assertEquals(List.of("get", "it's"), ShellWords.split("get \"it's\""));
    assertEquals(List.of("get", "a\"b"), ShellWords.split("get \"a\\\"b\""));
    assertEquals(List.of("get", "back\\slash"), ShellWords.split("get 'back\\slash'"));
    assertEquals(List.of("get", ""), ShellWords.split("get ''"));
    assertEquals(List.of(), ShellWords.split("   "));
  }

  @Test
  void anUnclosedQuoteIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShellWords.split("get \"CN=PC 1"));
    assertEquals("unclosed double quote", e.getMessage());
  }
}
