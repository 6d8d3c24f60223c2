package io.lapsbridge.report;

import io.lapsbridge.migration.GpoTranslation;
import java.io.PrintWriter;
import java.util.List;

/** {@code policy translate}'s side-by-side table: each legacy setting and what it became. */
public final class TranslationTable {
  private TranslationTable() {}

  public static void print(PrintWriter out, List<GpoTranslation.Line> lines) {
    out.printf("%-32s %-22s    %-38s %s%n", "legacy (AdmPwd)", "value", "Windows LAPS",
        "value");
    for (GpoTranslation.Line line : lines) {
      out.printf("%-32s %-22s -> %-38s %s%n", orDash(line.legacySetting()),
          orDash(line.legacyValue()), orDash(line.windowsSetting()), orDash(line.windowsValue()));
      if (line.warning() != null) {
        out.printf("    warning: %s%n", Visible.escape(line.warning()));
      }
    }
  }

  private static String orDash(String text) {
    return text == null ? "-" : Visible.escape(text);
  }
}
