package io.lapsbridge.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.entra.GraphException;
import io.lapsbridge.migration.apply.EntraBackups;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every way Entra cannot answer is "unreachable" to the clearing guard, never a crash (#16). */
class EntraRecheckTest {
  private static final String DEVICE = "c1ea2000-0000-4000-8000-000000000001";

  @Test
  void aGraphFailureIsUnreachableWithItsMessage() {
    EntraRecheck recheck = new EntraRecheck(() -> {
      throw new GraphException(GraphException.Kind.UNREACHABLE, "no answer from graph");
    });
    EntraBackups.Unreachable e =
        assertThrows(EntraBackups.Unreachable.class, () -> recheck.lastBackup(DEVICE));
    assertEquals("no answer from graph", e.getMessage());
  }

  @Test
  void aMissingOptionIsUnreachableAndOpeningIsRetriedNextTime() {
    AtomicInteger opened = new AtomicInteger();
    EntraRecheck recheck = new EntraRecheck(() -> {
      opened.incrementAndGet();
      throw new IllegalArgumentException("--tenant is required for Entra ID");
    });
    EntraBackups.Unreachable e =
        assertThrows(EntraBackups.Unreachable.class, () -> recheck.lastBackup(DEVICE));
    assertEquals("--tenant is required for Entra ID", e.getMessage());
    assertThrows(EntraBackups.Unreachable.class, () -> recheck.lastBackup(DEVICE));
    assertEquals(2, opened.get(), "a failure to open is not remembered as a directory");
  }
}
