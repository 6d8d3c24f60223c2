package io.lapsbridge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.LapsAttribute;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EstateSummaryTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private static LapsRecord record(Set<LapsAttribute> present, Optional<FileTime> legacyExpiry,
      Optional<FileTime> windowsExpiry, List<LapsRecord.ValueProblem> problems) {
    return new LapsRecord(new ComputerRef("cn=PC,dc=x", "PC", "PC$", null), Optional.empty(),
        legacyExpiry, Optional.empty(), windowsExpiry, present, problems);
  }

  private static Optional<FileTime> in(Duration offset) {
    return Optional.of(FileTime.of(NOW.plus(offset)));
  }

  @Test
  void eachComputerCountsInOneStateAndTheTableIsSortedByName() {
    EstateSummary summary = new EstateSummary(NOW);
    Duration day = Duration.ofDays(1);
    summary.add(record(Set.of(LapsAttribute.LEGACY_PASSWORD, LapsAttribute.LEGACY_EXPIRATION_TIME),
        in(day), Optional.empty(), List.of()));
    summary.add(record(Set.of(LapsAttribute.LEGACY_EXPIRATION_TIME), in(day.negated()),
        Optional.empty(), List.of()));
    summary.add(record(Set.of(LapsAttribute.PASSWORD, LapsAttribute.PASSWORD_EXPIRATION_TIME),
        Optional.empty(), in(day), List.of()));
    summary.add(record(Set.of(LapsAttribute.PASSWORD), Optional.empty(), Optional.empty(),
        List.of()));
    summary.add(record(Set.of(LapsAttribute.LEGACY_PASSWORD, LapsAttribute.PASSWORD),
        in(day), in(day), List.of()));
    summary.add(record(Set.of(LapsAttribute.ENCRYPTED_PASSWORD, LapsAttribute.PASSWORD),
        Optional.empty(), in(day), List.of()));
    summary.add(record(Set.of(LapsAttribute.PASSWORD), Optional.empty(), in(day),
        List.of(new LapsRecord.ValueProblem(LapsAttribute.PASSWORD, "not JSON"))));
    summary.add(record(Set.of(), Optional.empty(), Optional.empty(), List.of()));

    StringWriter text = new StringWriter();
    summary.print(new PrintWriter(text, true));
    assertEquals(String.join("",
        "  both families           1\n",
        "  legacy expired          1\n",
        "  legacy only             1\n",
        "  malformed               1\n",
        "  neither                 1\n",
        "  windows cleartext       1\n",
        "  windows encrypted       1\n",
        "  windows expired         1\n"), text.toString().replace(System.lineSeparator(), "\n"));
  }
}
