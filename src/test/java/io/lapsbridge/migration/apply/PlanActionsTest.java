package io.lapsbridge.migration.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.MigrationInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resume runs only the plan its journal began with. */
class PlanActionsTest {
  private static final Path GOLDEN =
      Path.of("src/test/resources/golden/migration/estate.expected-plan.json");

  private static Journal.State began(String sha256) {
    return new Journal.State("plan.json", sha256, Map.of(), Set.of(), false);
  }

  @Test
  void theSamePlanReadsWithItsDigest() throws Exception {
    byte[] bytes = Files.readAllBytes(GOLDEN);
    String digest = Resumption.sha256(bytes);
    PlanActions read = PlanActions.readUnchanged("plan.json", bytes, "j", began(digest));
    assertEquals(7, read.actions().size());
    assertEquals(digest, read.sha256());
    assertEquals(read, PlanActions.read("plan.json", bytes));
    assertEquals(64, digest.length());
  }

  @Test
  void aChangedPlanIsRefusedEvenWhenItStillParses() throws Exception {
    byte[] bytes = Files.readAllBytes(GOLDEN);
    MigrationInputException e = assertThrows(MigrationInputException.class,
        () -> PlanActions.readUnchanged("plan.json", bytes, "plan.json.journal", began("0")));
    assertEquals("plan.json.journal: the plan plan.json changed since apply began (SHA-256"
        + " differs); plan and apply again", e.getMessage());
  }

  @Test
  void aChangedPlanThatNoLongerParsesIsReportedAsChanged() {
    byte[] broken = "{\"format\":".getBytes(StandardCharsets.UTF_8);
    MigrationInputException e = assertThrows(MigrationInputException.class,
        () -> PlanActions.readUnchanged("plan.json", broken, "j", began("0")));
    assertEquals("j: the plan plan.json changed since apply began (SHA-256 differs); plan and"
        + " apply again", e.getMessage());
    // Unchanged but unreadable: the parse error itself.
    MigrationInputException parse = assertThrows(MigrationInputException.class,
        () -> PlanActions.readUnchanged("plan.json", broken, "j",
            began(Resumption.sha256(broken))));
    assertEquals(true, parse.getMessage().startsWith("plan.json: not a plan"),
        parse.getMessage());
  }

  @Test
  void aJournalLineNamingAnActionThePlanLacksIsRefusedWithItsLine() throws Exception {
    byte[] bytes = Files.readAllBytes(GOLDEN);
    String digest = Resumption.sha256(bytes);
    String journal = Journal.begin("plan.json", digest, "t")
        + Journal.end(1, Journal.Outcome.APPLIED, "ok")
        + Journal.end(9, Journal.Outcome.APPLIED, "ok")
        + Journal.end(8, Journal.Outcome.APPLIED, "ok");
    Journal.State state = Journal.replay("plan.json.journal", journal);
    MigrationInputException e = assertThrows(MigrationInputException.class,
        () -> PlanActions.readUnchanged("plan.json", bytes, "plan.json.journal", state));
    assertEquals("plan.json.journal:3: action 9 is not in the plan plan.json (7 actions)",
        e.getMessage());
    // Ids 1 to 7 are the plan's own.
    String known = Journal.begin("plan.json", digest, "t")
        + Journal.end(7, Journal.Outcome.APPLIED, "ok");
    assertEquals(7, PlanActions.readUnchanged("plan.json", bytes, "j",
        Journal.replay("j", known)).actions().size());
  }
}
