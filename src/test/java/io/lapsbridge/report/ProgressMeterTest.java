package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(5 * SECOND);
  private final StringWriter text = new StringWriter();

  private ProgressMeter meter(ProgressMeter.Style style, int total) {
    return new ProgressMeter(new PrintWriter(text), "migrate", total, style, clock::get);
  }

  @Test
  void aBarShowsCountPercentRateAndTimeLeft() {
    ProgressMeter bar = meter(ProgressMeter.Style.BAR, 12500);
    assertEquals("migrate [##############................] 6200/12500  49%  3100/s  ETA 3s",
        bar.render(6200, 2 * SECOND));
    assertEquals("migrate [..............................] 100/12500  0%  1/s  ETA 3h26m",
        bar.render(100, 100 * SECOND));
    assertEquals("migrate [##############################] 12500/12500  100%  5000/s",
        bar.render(12500, 2500 * SECOND / 1000));
    assertEquals("migrate [##############################] 0/0  100%  0/s",
        meter(ProgressMeter.Style.BAR, 0).render(0, 0));
  }

  @Test
  void linesForLogsComeEveryTwoSecondsAndBarsRedrawInPlace() {
    ProgressMeter lines = meter(ProgressMeter.Style.LINES, 10);
    lines.update(1);
    clock.addAndGet(2 * SECOND);
    lines.update(4);
    clock.addAndGet(SECOND);
    lines.update(5);
    lines.finish(10);
    assertEquals("migrate 4/10  40%  2/s  ETA 3s\nmigrate 10/10  100%  3/s\n",
        text.toString().replace(System.lineSeparator(), "\n"));

    text.getBuffer().setLength(0);
    ProgressMeter bar = meter(ProgressMeter.Style.BAR, 10);
    clock.addAndGet(SECOND);
    bar.update(2);
    clock.addAndGet(SECOND);
    bar.finish(10);
    assertEquals("\rmigrate [######........................] 2/10  20%  2/s  ETA 4s"
        + "\rmigrate [##############################] 10/10  100%  5/s      \n",
        text.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void nothingIsPrintedWhenNotWanted() {
    ProgressMeter none = meter(ProgressMeter.Style.NONE, 10);
    clock.addAndGet(10 * SECOND);
    none.update(5);
    none.finish(10);
    assertEquals("", text.toString());
  }
}
