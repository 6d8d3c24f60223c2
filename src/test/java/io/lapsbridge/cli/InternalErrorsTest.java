package io.lapsbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * #18 item 5: input that used to end in "internal error" or a stack trace gets one clear line
 * and the exit status of the table. Each is refused before any directory is contacted. The
 * agent's --server port is checked in AgentConnectionResolverTest.
 */
class InternalErrorsTest {
  @Test
  void resetTimeBeyondFiletimeIsAUsageError() {
    CliRun run = CliRun.of("reset-password", "PC1", "--when", "+99999-01-01T00:00:00Z",
        "--host", "h", "--ldaps");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --when '+99999-01-01T00:00:00Z' is outside the range a"
        + " FILETIME can hold (1601-01-01 to 30828-09-14)\n", run.err());
  }

  @Test
  void asOfBeforeFiletimeIsAUsageError() {
    CliRun run = CliRun.of("inventory", "--as-of", "1500-01-01T00:00:00Z", "--host", "h",
        "--ldaps");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --as-of '1500-01-01T00:00:00Z' is outside the range a"
        + " FILETIME can hold (1601-01-01 to 30828-09-14)\n", run.err());
  }

  @Test
  void kdsAtBeyondFiletimeIsAUsageError() {
    CliRun run = CliRun.of("kds", "public-key", "--sid", "S-1-5-21-1-2-3-512", "--at",
        "+40000-01-01T00:00:00Z", "--out", "unused.json", "--host", "h", "--ldaps");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --at '+40000-01-01T00:00:00Z' is outside the range a"
        + " FILETIME can hold (1601-01-01 to 30828-09-14)\n", run.err());
  }

  @Test
  void demoPortOutOfRangeIsAUsageError() {
    CliRun run = CliRun.of("demo", "--port", "-1");
    assertEquals(2, run.status());
    assertEquals("lapsbridge: usage: --port and --ldaps-port must be between 0 and 65535: -1\n",
        run.err());
  }

  @Test
  void busyDemoPortIsOneLineBeforeAnyLoading() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.of("demo", "--port", Integer.toString(taken.getLocalPort()),
          "--ldaps-port", "0", "--no-tour");
      assertEquals(3, run.status());
      assertEquals("lapsbridge: stand-in directory: port " + taken.getLocalPort()
          + " on 127.0.0.1 is in use; choose another port, or 0 for a free one\n", run.err());
      assertTrue(run.out().isEmpty(), run.out());
    }
  }
}
