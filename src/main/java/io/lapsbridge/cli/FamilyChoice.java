package io.lapsbridge.cli;

import io.lapsbridge.model.AttributeFamily;
import java.util.EnumSet;
import java.util.Set;

/** A {@code --source} or {@code --family} choice on the command line. */
enum FamilyChoice {
  LEGACY,
  WINDOWS,
  ALL;

  Set<AttributeFamily> families() {
    return switch (this) {
      case LEGACY -> EnumSet.of(AttributeFamily.LEGACY);
      case WINDOWS -> EnumSet.of(AttributeFamily.WINDOWS);
      case ALL -> EnumSet.allOf(AttributeFamily.class);
    };
  }
}
