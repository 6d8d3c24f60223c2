package io.lapsbridge.report;

/**
 * Text for a terminal. Names, DNs and stored values come from the directory, where a computer
 * writes its own LAPS attributes: a CR, LF or ESC in them could forge lines or drive the terminal.
 * Text output and messages therefore show every control character as an escape; JSON stays exact.
 */
public final class Visible {
  private Visible() {}

  /**
   * {@code text} with each C0 and C1 control character and DEL escaped: {@code \r}, {@code \n},
   * {@code \t}, otherwise {@code \xHH}; a backslash stays as it is (DNs use it). Null stays null.
   */
  public static String escape(String text) {
    if (text == null || text.chars().noneMatch(Visible::isControl)) {
      return text;
    }
    StringBuilder visible = new StringBuilder(text.length() + 8);
    text.chars().forEach(c -> {
      switch (c) {
        case '\r' -> visible.append("\\r");
        case '\n' -> visible.append("\\n");
        case '\t' -> visible.append("\\t");
        default -> {
          if (isControl(c)) {
            visible.append(String.format("\\x%02X", c));
          } else {
            visible.append((char) c);
          }
        }
      }
    });
    return visible.toString();
  }

  private static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }
}
