package io.lapsbridge.migration;

import io.lapsbridge.testsupport.TextMutator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the journal reader: 100,000 mutated journals must each replay or
 * fail with a {@link MigrationInputException}.
 */
class JournalFuzzTest {
  private static final long SEED = 0x70_0A1A_0018_0004L;
  private static final int INPUTS = 100_000;

  @Test
  void everyInputReplaysOrFailsCleanly() {
    String begin = Journal.begin("/plans/p.json",
        "5dba078987453556fd330f0da0f4a7de5ad38695519c4f8c5939181e17b3a07b",
        "2026-06-01T00:00:00Z");
    List<String> seeds = List.of(
        begin + Journal.start(1) + Journal.end(1, Journal.Outcome.APPLIED, "ok")
            + Journal.start(2) + Journal.end(2, Journal.Outcome.DONE, "already"),
        begin + Journal.start(1) + Journal.end(1, Journal.Outcome.APPLIED, "written \"x\"\n")
            + begin + Journal.start(3) + "{\"event\":\"end\",\"id\":3,\"outc",
        begin);
    for (Journal.Outcome outcome : Journal.Outcome.values()) {
      // Every outcome's spelling appears in some seed.
      Journal.end(9, outcome, "r");
    }
    StringBuilder all = new StringBuilder(begin);
    int id = 1;
    for (Journal.Outcome outcome : Journal.Outcome.values()) {
      all.append(Journal.start(id)).append(Journal.end(id, outcome, outcome.name()));
      id++;
    }
    List<String> withAll = new java.util.ArrayList<>(seeds);
    withAll.add(all.toString());
    TextMutator.run("Journal", SEED, INPUTS, withAll, TextMutator::mutate,
        text -> Journal.replay("fuzz.journal", text),
        MigrationInputException.class, TextMutator::nothing);
  }
}
