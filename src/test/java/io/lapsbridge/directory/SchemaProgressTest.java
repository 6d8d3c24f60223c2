package io.lapsbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** #13 item 6: a schema step that fails after others were applied says what was and was not. */
class SchemaProgressTest {
  private static final List<SchemaChange> PLAN = List.of(
      new SchemaChange("add A", ""), new SchemaChange("add B", ""),
      new SchemaChange("schemaUpdateNow", ""));

  @Test
  void aLaterFailureListsAppliedAndRemainingSteps() {
    DirectoryException failure = new DirectoryException(DirectoryException.Kind.REJECTED,
        "schema extend step 'add B' failed: constraint violation");
    DirectoryException reported = SchemaService.withProgress(failure, PLAN, 1);
    assertEquals(DirectoryException.Kind.REJECTED, reported.kind());
    assertEquals("schema extend step 'add B' failed: constraint violation; applied before it:"
        + " add A; not applied: add B, schemaUpdateNow", reported.getMessage());
  }

  @Test
  void aFirstStepFailureIsReportedAsItIs() {
    DirectoryException failure = new DirectoryException(DirectoryException.Kind.REJECTED, "x");
    assertSame(failure, SchemaService.withProgress(failure, PLAN, 0));
  }
}
