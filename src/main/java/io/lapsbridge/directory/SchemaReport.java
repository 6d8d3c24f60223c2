package io.lapsbridge.directory;

import io.lapsbridge.wire.LapsAttribute;
import java.util.List;

/**
 * What {@code schema check} found on a live directory.
 *
 * @param server the product detected from the root DSE
 * @param attributes one line per LAPS attribute checked
 */
public record SchemaReport(ServerKind server, List<AttributeStatus> attributes) {
  /** The state of one attribute and its link to the computer class. */
  public record AttributeStatus(
      LapsAttribute attribute, State state, boolean linkedToComputer, String detail) {}

  /** Whether an attribute type is usable. */
  public enum State {
    PRESENT,
    MISSING,
    INCOMPATIBLE
  }

  public SchemaReport {
    attributes = List.copyOf(attributes);
  }

  /** True when every attribute is present, compatible and allowed on computers. */
  public boolean complete() {
    return attributes.stream()
        .allMatch(a -> a.state() == State.PRESENT && a.linkedToComputer());
  }
}
