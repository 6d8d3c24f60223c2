package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.migration.apply.ActionResult;
import io.lapsbridge.migration.apply.ApplyListener;
import io.lapsbridge.migration.apply.Applier;
import io.lapsbridge.model.FileTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What apply prints for results and counts, and the exit status the counts mean. */
class ApplyOutputTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private ApplyOutput output(boolean dryRun) {
    ApplyOutput output = new ApplyOutput(new PrintWriter(out), new PrintWriter(err), dryRun, false);
    output.listener(3);
    return output;
  }

  private static final Action ROTATION = new Action.ForceRotation("CN=PC1,DC=x", "r", "expire",
      true, null, new FileTime(133_000_000_000_000_000L));

  @Test
  void oneTabSeparatedLinePerResultAndFailuresAlsoOnStderr() {
    output(false).finished(List.of(
        new ApplyListener.Finished(1, ROTATION, new ActionResult(Journal.Outcome.APPLIED, "ok")),
        new ApplyListener.Finished(2, ROTATION, ActionResult.failed("access denied"))));
    assertEquals("1\tforce-rotation\tCN=PC1,DC=x\tapplied\tok\n"
        + "2\tforce-rotation\tCN=PC1,DC=x\tfailed\taccess denied\n", out.toString());
    assertEquals("lapsbridge: action 2 on CN=PC1,DC=x failed: access denied\n", err.toString());
  }

  @Test
  void aDryRunSaysWouldApply() {
    output(true).finished(List.of(new ApplyListener.Finished(1, ROTATION,
        new ActionResult(Journal.Outcome.APPLIED, "would apply: expire"))));
    assertEquals("1\tforce-rotation\tCN=PC1,DC=x\twould-apply\twould apply: expire\n",
        out.toString());
  }

  @Test
  void theCountsGiveTheExitStatus() {
    assertEquals(0, output(false).summarize(new Applier.Summary(3, 2, 1, 0, 0, 0), false));
    assertEquals(1, output(false).summarize(new Applier.Summary(3, 2, 0, 1, 0, 0), false),
        "stale: a problem");
    assertEquals(6, output(false).summarize(new Applier.Summary(3, 2, 0, 0, 1, 0), false),
        "some failed: partial");
    assertEquals(1, output(false).summarize(new Applier.Summary(3, 0, 0, 0, 3, 0), false),
        "all failed: a problem");
    assertEquals(6, output(false).summarize(new Applier.Summary(5, 0, 0, 0, 3, 2), true),
        "failed after a resume that settled others: partial");
    assertEquals(1, output(false).summarize(new Applier.Summary(3, 0, 0, 0, 1, 0), false),
        "#18 item 9: one failed, the rest never ran: nothing done, not partial");
    assertEquals("migrate: 3 actions: applied 2, already done 1, stale 0, failed 0\n"
        + "migrate: 3 actions: applied 2, already done 0, stale 1, failed 0\n"
        + "migrate: 3 actions: applied 2, already done 0, stale 0, failed 1\n"
        + "migrate: 3 actions: applied 0, already done 0, stale 0, failed 3\n"
        + "migrate: 5 actions: applied 0, already done 0, stale 0, failed 3 (resumed; 2 settled"
        + " before)\n"
        + "migrate: 3 actions: applied 0, already done 0, stale 0, failed 1, not run 2\n",
        err.toString());
  }
}
