package io.lapsbridge.platform.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.Secret;
import io.lapsbridge.rotation.Intent;
import io.lapsbridge.rotation.LastRotation;
import io.lapsbridge.rotation.PortException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {
  @TempDir Path temp;

  static Intent intent() {
    return new Intent(Intent.Phase.INTENT, AttributeFamily.WINDOWS, "lapsadmin",
        Secret.of("n3w-P@ss"), new FileTime(134000000000000000L), new FileTime(134100000000000000L),
        Optional.of(Secret.of("old-P@ss")));
  }

  @Test
  void roundTripsTheIntentAndClearsIt() throws Exception {
    FileJournal journal = FileJournal.open(temp.resolve("state"));
    journal.record(intent());
    Intent back = journal.pending().orElseThrow();
    assertEquals(Intent.Phase.INTENT, back.phase());
    assertEquals(AttributeFamily.WINDOWS, back.family());
    assertTrue(back.password().sameAs(Secret.of("n3w-P@ss")));
    assertTrue(back.previous().orElseThrow().sameAs(Secret.of("old-P@ss")));
    assertEquals(134100000000000000L, back.expires().ticks());
    journal.record(back.confirmed());
    assertEquals(Intent.Phase.CONFIRMED, journal.pending().orElseThrow().phase());
    journal.clear();
    assertTrue(journal.pending().isEmpty());
    assertFalse(Files.exists(temp.resolve("state/journal.json.tmp")));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void journalIsRootOnlyAndAnOpenOneIsRefused() throws Exception {
    Path state = temp.resolve("state");
    FileJournal.open(state).record(intent());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(state.resolve("journal.json"))));
    Files.setPosixFilePermissions(state.resolve("journal.json"),
        PosixFilePermissions.fromString("rw-r--r--"));
    PortException e = assertThrows(PortException.class, () -> FileJournal.open(state));
    assertEquals("journal " + state.resolve("journal.json") + " is readable by group or others;"
        + " it must be rw-------", e.getMessage());
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-x---"));
    PortException dir = assertThrows(PortException.class, () -> FileJournal.open(state));
    assertTrue(dir.getMessage().endsWith("(rwxr-x---); it must be rwx------ because the journal"
        + " holds a password"), dir.getMessage());
  }

  @Test
  void corruptJournalIsAClearErrorWithoutItsContent() throws Exception {
    FileJournal journal = FileJournal.open(temp.resolve("state"));
    Files.writeString(temp.resolve("state/journal.json"), "{\"password\": \"half-writ",
        StandardCharsets.UTF_8);
    PortException e = assertThrows(PortException.class, journal::pending);
    assertEquals(PortException.Kind.JOURNAL, e.kind());
    assertEquals(temp.resolve("state/journal.json") + " is corrupt (not JSON); inspect it, then"
        + " delete it", e.getMessage());
  }

  @Test
  void keepsThePasswordVersionInTheIntentAndTheLastRotation() throws Exception {
    FileJournal journal = FileJournal.open(temp.resolve("state"));
    java.util.UUID version = java.util.UUID.fromString("6f9619ff-8b86-4011-b42d-00c04fc964ff");
    Intent base = intent();
    journal.record(new Intent(base.phase(), base.family(), base.account(), base.password(),
        base.updated(), base.expires(), base.previous(), Optional.of(version)));
    assertEquals(Optional.of(version), journal.pending().orElseThrow().version());
    assertEquals(Optional.of(version), journal.pending().orElseThrow().confirmed().version());
    LastRotation last = new LastRotation(AttributeFamily.WINDOWS, "WLaps123456", new FileTime(7),
        Instant.parse("2026-12-05T10:00:00Z"), Optional.of(version));
    journal.remember(last);
    assertEquals(last, journal.last(AttributeFamily.WINDOWS).orElseThrow());
    assertTrue(Files.readString(temp.resolve("state/last-windows.json"))
        .contains("\"version\":\"6f9619ff-8b86-4011-b42d-00c04fc964ff\""));
  }

  @Test
  void remembersTheLastRotationAndReadsLoginRecords() throws Exception {
    FileJournal journal = FileJournal.open(temp.resolve("state"));
    Instant at = Instant.parse("2026-11-25T10:00:00Z");
    journal.remember(new LastRotation(AttributeFamily.LEGACY, "lapsadmin", new FileTime(42), at));
    assertEquals(new LastRotation(AttributeFamily.LEGACY, "lapsadmin", new FileTime(42), at),
        journal.last(AttributeFamily.LEGACY).orElseThrow());
    assertTrue(journal.last(AttributeFamily.WINDOWS).isEmpty());
    assertTrue(journal.lastLogin("lapsadmin").isEmpty());
    Files.createDirectories(temp.resolve("state/logins"));
    Files.writeString(temp.resolve("state/logins/lapsadmin"), "1764064800\n");
    assertEquals(Instant.ofEpochSecond(1764064800L), journal.lastLogin("lapsadmin").orElseThrow());
    assertTrue(journal.lastLogin("../journal.json").isEmpty(), "no path tricks");
  }

  @Test
  void absentJournalCreatesNothing() throws Exception {
    FileJournal journal = FileJournal.absent(temp.resolve("none"));
    assertTrue(journal.pending().isEmpty());
    assertFalse(Files.exists(temp.resolve("none")));
  }
}
