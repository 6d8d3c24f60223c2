package io.lapsbridge.migration.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lapsbridge.migration.Journal;
import io.lapsbridge.platform.journal.MigrationJournalFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume cuts a journal's unfinished last line, so a second kill cannot leave it mid-file. */
class JournalTailTest {
  @TempDir Path dir;

  private static final String BEGIN = Journal.begin("/p.json", "abc", "t");

  private String cutThenAppend(String journal) throws Exception {
    Path file = dir.resolve("j");
    Files.writeString(file, journal, StandardCharsets.UTF_8);
    Resumption.cutTornTail(new MigrationJournalFile(file), Files.readAllBytes(file));
    // What the resumed run appends next, then a second kill mid-line.
    Files.writeString(file, Journal.end(2, Journal.Outcome.APPLIED, "ok") + "{\"event\":\"e",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Resumption.cutTornTail(new MigrationJournalFile(file), Files.readAllBytes(file));
    return Files.readString(file);
  }

  @Test
  void aTornLineIsCutAndTheNextResumeStillReadsTheJournal() throws Exception {
    String text = cutThenAppend(BEGIN + Journal.end(1, Journal.Outcome.APPLIED, "ok")
        + "{\"event\":\"end\",\"id\":7,\"outc");
    Journal.State state = Journal.replay("j", text);
    assertEquals(Map.of(1, Journal.Outcome.APPLIED, 2, Journal.Outcome.APPLIED), state.ended());
    assertFalse(state.tornTail());
  }

  @Test
  void aLineCutJustBeforeItsNewlineIsCutToo() throws Exception {
    String whole = Journal.end(1, Journal.Outcome.APPLIED, "ok");
    String text = cutThenAppend(BEGIN + whole.substring(0, whole.length() - 1));
    assertEquals(BEGIN + Journal.end(2, Journal.Outcome.APPLIED, "ok"), text);
  }

  @Test
  void anIntactJournalIsLeftAlone() throws Exception {
    Path file = dir.resolve("j");
    String intact = BEGIN + Journal.start(1);
    Files.writeString(file, intact, StandardCharsets.UTF_8);
    Resumption.cutTornTail(new MigrationJournalFile(file), Files.readAllBytes(file));
    assertEquals(intact, Files.readString(file));
  }
}
