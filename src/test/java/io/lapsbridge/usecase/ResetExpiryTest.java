package io.lapsbridge.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lapsbridge.directory.DirectoryException;
import io.lapsbridge.directory.LapsRecord;
import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.wire.LapsAttribute;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which expiries reset-password sets: those asked for, else every family the computer uses. */
class ResetExpiryTest {
  private static final ComputerRef PC = new ComputerRef("CN=PC1,DC=x", "PC1", "PC1$", null);

  private static LapsRecord record(LapsAttribute... present) {
    return new LapsRecord(PC, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Set.of(present), List.of());
  }

  @Test
  void withoutAChoiceEveryFamilyInUseIsSet() throws Exception {
    assertEquals(EnumSet.of(AttributeFamily.WINDOWS), ResetExpiry.targets(
        record(LapsAttribute.ENCRYPTED_PASSWORD), Optional.empty()));
    assertEquals(EnumSet.allOf(AttributeFamily.class), ResetExpiry.targets(
        record(LapsAttribute.LEGACY_EXPIRATION_TIME, LapsAttribute.PASSWORD_EXPIRATION_TIME),
        Optional.empty()));
  }

  @Test
  void aChoiceWinsEvenOverAFamilyNotInUse() throws Exception {
    assertEquals(EnumSet.of(AttributeFamily.LEGACY), ResetExpiry.targets(
        record(LapsAttribute.PASSWORD), Optional.of(EnumSet.of(AttributeFamily.LEGACY))));
  }

  @Test
  void aComputerWithoutLapsAttributesNeedsAChoice() {
    DirectoryException e = assertThrows(DirectoryException.class,
        () -> ResetExpiry.targets(record(), Optional.empty()));
    assertEquals(DirectoryException.Kind.NOT_FOUND, e.kind());
    assertEquals("computer 'PC1' has no LAPS attributes; pass --family to choose which expiry"
        + " to set", e.getMessage());
  }
}
