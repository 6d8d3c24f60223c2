package io.lapsbridge.security;

import io.lapsbridge.model.Sid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The explicit ACEs that the {@code computer} class's {@code defaultSecurityDescriptor} gives
 * every new computer, and which of a computer's own explicit ACEs go beyond them.
 *
 * <p>AD does not store the default as written: it replaces {@code CREATOR OWNER} in it with the
 * SID of the new object's owner, so no computer carries the default byte for byte. A computer's
 * ACEs are therefore compared with the default after the same substitution; inherited ACEs are
 * not the computer's own and are ignored.
 */
public final class ComputerDefault {
  private final Optional<Acl> classDefault;
  private final List<Ace> aces;

  private ComputerDefault(Optional<Acl> classDefault) {
    this.classDefault = classDefault;
    this.aces = classDefault.map(Acl::aces).orElse(List.of());
  }

  /** The class default's DACL, or none when it could not be read (every explicit ACE counts). */
  public static ComputerDefault of(Optional<Acl> classDefault) {
    return new ComputerDefault(classDefault);
  }

  /** The default as written, with CREATOR OWNER: what a computer not yet created would get. */
  public Optional<Acl> asWritten() {
    return classDefault;
  }

  /** The default as AD writes it on a computer owned by {@code owner}. */
  public List<Ace> forOwner(Optional<Sid> owner) {
    if (owner.isEmpty()) {
      return aces;
    }
    List<Ace> result = new ArrayList<>(aces.size());
    for (Ace ace : aces) {
      result.add(ace.sid().equals(Sid.CREATOR_OWNER)
          ? new Ace(ace.type(), ace.flags(), ace.mask(), ace.objectType(),
              ace.inheritedObjectType(), owner.get())
          : ace);
    }
    return result;
  }

  /**
   * The explicit ACEs of a computer owned by {@code owner} that the class default does not
   * account for: empty for a computer as AD created it, whatever its owner.
   */
  public List<Ace> beyondDefault(Optional<Acl> acl, Optional<Sid> owner) {
    if (acl.isEmpty()) {
      return List.of();
    }
    List<Ace> expected = forOwner(owner);
    List<Ace> beyond = new ArrayList<>();
    for (Ace ace : acl.get().aces()) {
      if (!ace.isInherited() && !expected.contains(ace)) {
        beyond.add(ace);
      }
    }
    return beyond;
  }
}
