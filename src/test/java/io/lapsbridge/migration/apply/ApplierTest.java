package io.lapsbridge.migration.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.migration.Action;
import io.lapsbridge.migration.Journal;
import io.lapsbridge.model.FileTime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The applier's loop against a fake writer: no server, no files. */
class ApplierTest {
  /** What the fake writer throws for an unreachable directory. */
  static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  /** Records every call; answers from a script, by DN. */
  static final class FakeWriter implements ActionWriter<Unreachable> {
    final List<String> performed = Collections.synchronizedList(new ArrayList<>());
    final List<List<String>> pipelinedBatches = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ActionResult> answers = new ConcurrentHashMap<>();
    volatile String unreachableAt;

    @Override
    public boolean pipelinable(Action action) {
      return action instanceof Action.ForceRotation;
    }

    @Override
    public ActionResult performOrFailed(Action action, io.lapsbridge.migration.OwnWrites own,
        boolean dryRun) throws Unreachable {
      performed.add(action.dn() + " " + action.kind() + (dryRun ? " (dry)" : ""));
      if (action.dn().equals(unreachableAt)) {
        throw new Unreachable("cannot reach the directory");
      }
      return answers.getOrDefault(action.dn(), new ActionResult(Journal.Outcome.APPLIED, "ok"));
    }

    @Override
    public void performPipelined(List<Action> batch, int window, BooleanSupplier stop,
        ResultSink sink) throws Unreachable {
      pipelinedBatches.add(batch.stream().map(Action::dn).toList());
      for (int i = 0; i < batch.size() && !stop.getAsBoolean(); i++) {
        if (batch.get(i).dn().equals(unreachableAt)) {
          throw new Unreachable("lost the connection");
        }
        sink.accept(i, new ActionResult(Journal.Outcome.APPLIED, "pipelined"));
      }
    }
  }

  /** Records what is reported, and checks that the journal is ahead of every report. */
  static final class Recorder implements ApplyListener {
    final ByteArrayOutputStream journal;
    final List<Finished> finished = new ArrayList<>();
    int done = -1;

    Recorder(ByteArrayOutputStream journal) {
      this.journal = journal;
    }

    @Override
    public void finished(List<Finished> results) {
      String written = journal == null ? "" : journal.toString(StandardCharsets.UTF_8);
      for (Finished f : results) {
        assertTrue(journal == null || written.contains(
            Journal.end(f.id(), f.result().outcome(), f.result().reason())),
            "the journal holds action " + f.id() + "'s end before it is reported");
      }
      finished.addAll(results);
    }

    @Override
    public void progress(int count) {}

    @Override
    public void workersStillBusy(long seconds) {
      throw new AssertionError("workers hung");
    }

    @Override
    public void done(int count) {
      done = count;
    }

    Map<Integer, Journal.Outcome> outcomes() {
      Map<Integer, Journal.Outcome> map = new HashMap<>();
      finished.forEach(f -> map.put(f.id(), f.result().outcome()));
      return map;
    }
  }

  private static final FileTime T = new FileTime(133_000_000_000_000_000L);

  private static Action rotation(String dn) {
    return new Action.ForceRotation(dn, "r", "why", true, T, new FileTime(T.ticks() + 1));
  }

  private static Action cleanup(String dn) {
    return new Action.CleanupLegacy(dn, "r", "clean", T, T, T);
  }

  /** 3000 single-rotation computers (pipelined) and 200 computers with two ordered actions. */
  private static List<Action> estate() {
    List<Action> actions = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      actions.add(rotation("CN=R" + i + ",DC=x"));
    }
    for (int i = 0; i < 200; i++) {
      actions.add(rotation("CN=M" + i + ",DC=x"));
      actions.add(cleanup("CN=M" + i + ",DC=x"));
    }
    return actions;
  }

  @Test
  void everyActionRunsOnceIsJournalledAndReportedAfterItsJournalLine() throws Exception {
    List<Action> actions = estate();
    FakeWriter writer = new FakeWriter();
    writer.answers.put("CN=M7,DC=x", ActionResult.failed("access denied"));
    ByteArrayOutputStream journal = new ByteArrayOutputStream();
    Recorder recorder = new Recorder(journal);
    Applier<Unreachable> applier =
        new Applier<>(writer, new Applier.Options(false, 4, 32), actions, Optional.empty());

    Applier.Summary summary = applier.run(journal, recorder);

    assertEquals(new Applier.Summary(3400, 3398, 0, 0, 1, 0), summary,
        "M7's first action fails and its second never runs");
    assertEquals(3399, recorder.finished.size());
    assertEquals(3399, recorder.done);
    assertEquals(3399, Set.copyOf(recorder.finished.stream().map(f -> f.id()).toList()).size());
    // Single-rotation computers went down the pipelined lane in chunks; the others one by one.
    assertEquals(3000, writer.pipelinedBatches.stream().mapToInt(List::size).sum());
    assertTrue(writer.pipelinedBatches.stream().allMatch(b -> b.size() <= 512));
    assertEquals(399, writer.performed.size());
    Journal.State state = Journal.replay("j", Journal.begin("p", "d", "t") + journal.toString(StandardCharsets.UTF_8));
    assertEquals(3399, state.ended().size());
    assertEquals(Journal.Outcome.FAILED, state.ended().get(3000 + 2 * 7 + 1));
    assertEquals(null, state.ended().get(3000 + 2 * 7 + 2), "left for resume");
  }

  @Test
  void aFailureStopsTheRestOfItsComputerOnly() throws Exception {
    // #18 item 2: a mirror denied, then the same computer's rotation ran anyway.
    List<Action> actions = List.of(cleanup("CN=A,DC=x"), rotation("CN=A,DC=x"),
        cleanup("CN=B,DC=x"), rotation("CN=B,DC=x"));
    FakeWriter writer = new FakeWriter();
    writer.answers.put("CN=A,DC=x", ActionResult.failed("access denied"));
    Applier.Summary summary = new Applier<>(writer, new Applier.Options(false, 2, 32), actions,
        Optional.empty()).run(new ByteArrayOutputStream(), new Recorder(null));
    assertEquals(List.of("CN=A,DC=x cleanup-legacy"),
        writer.performed.stream().filter(p -> p.startsWith("CN=A")).toList());
    assertEquals(new Applier.Summary(4, 2, 0, 0, 1, 0), summary);
  }

  @Test
  void aComputersActionsRunInPlanOrder() throws Exception {
    List<Action> actions = estate();
    FakeWriter writer = new FakeWriter();
    new Applier<>(writer, new Applier.Options(false, 6, 32), actions, Optional.empty())
        .run(new ByteArrayOutputStream(), new Recorder(null));
    List<String> performed = List.copyOf(writer.performed);
    assertEquals(400, performed.size());
    for (int i = 0; i < 200; i++) {
      String dn = "CN=M" + i + ",DC=x";
      int rotation = performed.indexOf(dn + " force-rotation");
      int cleanup = performed.indexOf(dn + " cleanup-legacy");
      assertTrue(rotation >= 0 && rotation < cleanup, dn + ": " + rotation + ", " + cleanup);
    }
  }

  @Test
  void aDryRunWritesNoJournalAndPipelinesNothing() throws Exception {
    FakeWriter writer = new FakeWriter();
    Recorder recorder = new Recorder(null);
    Applier.Summary summary = new Applier<>(writer, new Applier.Options(true, 2, 32),
        estate(), Optional.empty()).run(null, recorder);
    assertEquals(3400, summary.applied());
    assertTrue(writer.pipelinedBatches.isEmpty());
    assertTrue(writer.performed.stream().allMatch(p -> p.endsWith(" (dry)")));
  }

  @Test
  void aResumeSkipsWhatTheJournalSettledAndRetriesTheRest() throws Exception {
    List<Action> actions = estate();
    Map<Integer, Journal.Outcome> ended = new HashMap<>();
    for (int id = 1; id <= 2000; id++) {
      ended.put(id, Journal.Outcome.APPLIED);
    }
    ended.put(2001, Journal.Outcome.FAILED); // not settled: retried
    Journal.State state = new Journal.State("p", "d", ended, ended.keySet(), false);
    FakeWriter writer = new FakeWriter();
    Recorder recorder = new Recorder(new ByteArrayOutputStream());
    Applier<Unreachable> applier = new Applier<>(writer, new Applier.Options(false, 3, 16),
        actions, Optional.of(state));
    assertEquals(1400, applier.pending());

    Applier.Summary summary = applier.run(recorder.journal, recorder);

    assertEquals(2000, summary.settledBefore());
    assertEquals(1400, summary.applied());
    assertFalse(recorder.outcomes().containsKey(2000));
    assertEquals(Journal.Outcome.APPLIED, recorder.outcomes().get(2001));
  }

  @Test
  void anUnreachableDirectoryStopsEveryWorkerAndIsThrownAsItself() throws Exception {
    List<Action> actions = estate();
    FakeWriter writer = new FakeWriter();
    writer.unreachableAt = "CN=R100,DC=x";
    ByteArrayOutputStream journal = new ByteArrayOutputStream();
    Recorder recorder = new Recorder(journal);
    Applier<Unreachable> applier =
        new Applier<>(writer, new Applier.Options(false, 1, 32), actions, Optional.empty());

    Unreachable thrown =
        assertThrows(Unreachable.class, () -> applier.run(journal, recorder));

    assertEquals("lost the connection", thrown.getMessage());
    assertEquals(100, recorder.finished.size(), "the results before the failure are reported");
    assertEquals(100, recorder.done);
    assertTrue(writer.performed.isEmpty(), "the one worker stopped before the other actions");
    Journal.State state = Journal.replay("j", Journal.begin("p", "d", "t") + journal.toString(StandardCharsets.UTF_8));
    assertEquals(100, state.ended().size(), "only what finished is journalled as ended");
  }

  @Test
  void aFailingJournalIsThrownAndNothingIsReportedAheadOfIt() throws Exception {
    java.io.IOException full = new java.io.IOException("disk full");
    java.io.OutputStream broken = new java.io.OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw full;
      }

      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        throw full;
      }
    };
    Recorder recorder = new Recorder(null);
    java.io.IOException thrown = assertThrows(java.io.IOException.class,
        () -> new Applier<>(new FakeWriter(), new Applier.Options(false, 2, 32), estate(),
            Optional.empty()).run(broken, recorder));
    assertSame(full, thrown);
    assertTrue(recorder.finished.isEmpty(), "no output without its journal line");
  }
}
