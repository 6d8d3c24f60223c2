package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.usecase.ComputerBatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch over several computers becomes one exit status, and each failure one stderr line. */
class FailureTest {
  private final DirectoryException denied =
      new DirectoryException(DirectoryException.Kind.ACCESS_DENIED, "access denied to PC1");
  private final DirectoryException malformed =
      new DirectoryException(DirectoryException.Kind.MALFORMED_VALUE, "malformed on PC2");

  @Test
  void aBatchIsOkPartialOrItsFirstFailure() {
    assertEquals(ExitStatus.OK, Failure.statusOf(new ComputerBatch.Outcome(2, List.of())));
    assertEquals(ExitStatus.PARTIAL,
        Failure.statusOf(new ComputerBatch.Outcome(1, List.of(malformed))));
    assertEquals(ExitStatus.NOT_FOUND,
        Failure.statusOf(new ComputerBatch.Outcome(0, List.of(denied, malformed))));
    assertEquals(ExitStatus.PROBLEM,
        Failure.statusOf(new ComputerBatch.Outcome(0, List.of(malformed, denied))));
  }

  @Test
  void eachFailureIsOneLine() {
    StringWriter err = new StringWriter();
    Failure.printer(new PrintWriter(err)).accept(denied);
    assertEquals("lapsbridge: access denied to PC1\n", err.toString());
  }
}
