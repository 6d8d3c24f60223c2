package io.lapsbridge.directory.schema;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.wire.LapsAttribute;
import java.util.Arrays;
import java.util.List;

/** Which LAPS attribute families a schema operation covers. */
public enum FamilySelection {
  LEGACY,
  WINDOWS,
  ALL;

  public List<LapsAttribute> attributes() {
    return Arrays.stream(LapsAttribute.values()).filter(this::covers).toList();
  }

  public boolean covers(LapsAttribute attribute) {
    return this == ALL
        || (this == LEGACY) == (attribute.family() == AttributeFamily.LEGACY);
  }

  /** The file-name stem used under {@code schema-ldif/}. */
  public String fileStem() {
    return "laps-" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
