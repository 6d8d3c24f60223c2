package io.lapsbridge.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameCacheTest {
  final List<String> asked = new ArrayList<>();
  final List<String> estate = List.of("LAB-PC01", "LAB-PC02", "lab-srv", "OFFICE-1");

  NameCache cache(boolean complete) {
    return new NameCache((prefix, limit) -> {
      asked.add(prefix);
      return new NameCache.Answer(estate.stream()
          .filter(n -> n.toLowerCase(java.util.Locale.ROOT)
              .startsWith(prefix.toLowerCase(java.util.Locale.ROOT))).toList(), complete);
    });
  }

  @Test
  void aCompleteAnswerServesLongerPrefixesWithoutAnotherSearch() {
    NameCache names = cache(true);
    assertEquals(List.of("LAB-PC01", "LAB-PC02", "lab-srv"), names.complete("la"));
    assertEquals(List.of("LAB-PC01", "LAB-PC02"), names.complete("LAB-P"));
    assertEquals(List.of("LAB-PC02"), names.complete("lab-pc02"));
    assertEquals(List.of("LAB-PC01", "LAB-PC02", "lab-srv"), names.complete("La"));
    assertEquals(List.of("la"), asked);
    assertEquals(1, names.searches());
  }

  @Test
  void aCutAnswerIsAskedAgainForALongerPrefix() {
    NameCache names = cache(false);
    names.complete("la");
    names.complete("lab-p");
    names.complete("lab-p");
    assertEquals(List.of("la", "lab-p"), asked);
  }

  @Test
  void aFailedSearchCompletesNothingAndIsAskedAgain() {
    List<String> tries = new ArrayList<>();
    NameCache names = new NameCache((prefix, limit) -> {
      tries.add(prefix);
      throw new IllegalStateException("directory down");
    });
    assertEquals(List.of(), names.complete("la"));
    assertEquals(List.of(), names.complete("la"));
    assertEquals(List.of("la", "la"), tries);
  }
}
