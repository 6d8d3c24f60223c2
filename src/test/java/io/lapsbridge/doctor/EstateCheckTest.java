package io.lapsbridge.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.doctor.EstateCheck.Counted;
import io.lapsbridge.doctor.EstateCheck.Health;
import java.util.List;
import org.junit.jupiter.api.Test;

class EstateCheckTest {
  private static final Counted NONE = new Counted(0, List.of());

  private static List<String> statuses(Health health) {
    return EstateCheck.evaluate(health).stream()
        .map(f -> f.check() + " " + f.status().label()).toList();
  }

  @Test
  void aHealthyEstateIsOk() {
    assertEquals(List.of("expired-passwords ok", "dual-management ok", "stale-computers ok"),
        statuses(new Health("DC=corp", 10, 9, NONE, NONE, 30, NONE, NONE, 90, 0)));
  }

  @Test
  void recentlyExpiredIsAWarningAndLongExpiredAProblem() {
    Counted two = new Counted(2, List.of("WS1", "WS2"));
    assertEquals("expired-passwords warning", statuses(
        new Health("DC=corp", 10, 9, two, NONE, 30, NONE, NONE, 90, 0)).get(0));
    Finding neglected = EstateCheck.evaluate(new Health("DC=corp", 10, 9, two,
        new Counted(5, List.of("A", "B", "C")), 30, NONE, NONE, 90, 0)).get(0);
    assertEquals(Status.PROBLEM, neglected.status());
    assertEquals("5 (A, B, C, ...) computer(s) with a password expired more than 30 days ago:"
        + " no client rotates them; 2 more expired recently", neglected.evidence());
  }

  @Test
  void twoClientsStaleComputersAndHiddenPasswordsAreFound() {
    assertEquals(List.of("expired-passwords ok", "dual-management problem",
        "stale-computers warning", "estate-visibility warning"), statuses(new Health("DC=corp",
            10, 9, NONE, NONE, 30, new Counted(1, List.of("WS9")),
            new Counted(3, List.of("OLD1", "OLD2", "OLD3")), 90, 4)));
  }
}
