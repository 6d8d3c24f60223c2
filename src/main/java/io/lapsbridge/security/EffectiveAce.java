package io.lapsbridge.security;

import java.util.Objects;

/**
 * An ACE as it applies to one object: where it was set ({@code sourceDn}), whether it came by
 * inheritance, and its flags after inheritance (inherit-only ACEs do not apply to the object
 * itself but pass further down).
 */
public record EffectiveAce(Ace ace, String sourceDn, boolean inherited) {
  public EffectiveAce {
    Objects.requireNonNull(ace);
    Objects.requireNonNull(sourceDn);
  }

  /** Whether the ACE applies to the object it is attached to. */
  public boolean applies() {
    return !ace.isInheritOnly();
  }

  /** "explicit on DN" or "inherited from DN". */
  public String origin() {
    return (inherited ? "inherited from " : "explicit on ") + sourceDn;
  }
}
