package io.lapsbridge.report;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress of a long batch on stderr. On a terminal it redraws one bar in place, at most five
 * times a second; when asked for elsewhere (a log file, CI) it prints a plain line every few
 * seconds, since carriage returns make a mess of logs. Otherwise it prints nothing.
 */
public final class ProgressMeter {
  private static final int BAR_WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LINE_NANOS = 2_000_000_000L;

  enum Style { BAR, LINES, NONE }

  private final PrintWriter err;
  private final String label;
  private final int total;
  private final Style style;
  private final LongSupplier clock;
  private final long started;
  private long lastShown;
  private boolean drawn;
  private int drawnLength;

  ProgressMeter(PrintWriter err, String label, int total, Style style, LongSupplier clock) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.style = style;
    this.clock = clock;
    this.started = clock.getAsLong();
    this.lastShown = started;
  }

  /** A bar on a terminal; lines when {@code forced} and stderr is not a terminal. */
  public static ProgressMeter forStderr(PrintWriter err, String label, int total,
      boolean terminal, boolean forced) {
    Style style = terminal ? Style.BAR : forced ? Style.LINES : Style.NONE;
    return new ProgressMeter(err, label, total, style, System::nanoTime);
  }

  public void update(int done) {
    long now = clock.getAsLong();
    long interval = style == Style.BAR ? REDRAW_NANOS : LINE_NANOS;
    if (style == Style.NONE || now - lastShown < interval) {
      return;
    }
    lastShown = now;
    show(done, now);
  }

  /** The final state: the bar completed and its line ended, or one last line. */
  public void finish(int done) {
    if (style == Style.NONE || (style == Style.LINES && !drawn)) {
      return;
    }
    show(done, clock.getAsLong());
    if (style == Style.BAR) {
      err.println();
      err.flush();
    }
  }

  private void show(int done, long now) {
    String text = render(done, now - started);
    if (style == Style.BAR) {
      // Spaces cover the end of a longer line drawn before (the ETA goes at the end).
      err.print('\r' + text + " ".repeat(Math.max(0, drawnLength - text.length())));
      drawnLength = text.length();
    } else {
      err.println(text);
    }
    err.flush();
    drawn = true;
  }

  /** One progress line, e.g. {@code migrate [#######.......]  6200/12500  49%  3100/s  ETA 2s}. */
  String render(int done, long elapsedNanos) {
    int percent = total == 0 ? 100 : (int) (100L * done / total);
    double seconds = elapsedNanos / 1e9;
    long rate = seconds > 0 ? Math.round(done / seconds) : 0;
    StringBuilder line = new StringBuilder(label).append(' ');
    if (style == Style.BAR) {
      int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
      line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
          .append("] ");
    }
    line.append(done).append('/').append(total).append("  ").append(percent).append("%  ")
        .append(rate).append("/s");
    if (done > 0 && done < total && rate > 0) {
      line.append("  ETA ").append(duration((total - done + rate - 1) / rate));
    }
    return line.toString();
  }

  private static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }
    return seconds / 3600 + "h" + String.format("%02d", seconds / 60 % 60) + "m";
  }
}
