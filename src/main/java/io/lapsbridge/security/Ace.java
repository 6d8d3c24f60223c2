package io.lapsbridge.security;

import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One access control entry. Object ACE types may name an object type (an attribute, property
 * set or extended right) and an inherited object type (the class it is inherited to); the other
 * types must name neither.
 */
public record Ace(
    AceType type,
    int flags,
    int mask,
    Optional<UUID> objectType,
    Optional<UUID> inheritedObjectType,
    Sid sid) {
  private static final int OBJECT_TYPE_PRESENT = 0x1;
  private static final int INHERITED_OBJECT_TYPE_PRESENT = 0x2;

  public Ace {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(inheritedObjectType, "inheritedObjectType");
    Objects.requireNonNull(sid, "sid");
    if ((flags & ~AceFlags.ALL) != 0 || flags > 0xff) {
      throw new IllegalArgumentException("unknown ACE flags 0x" + Integer.toHexString(flags));
    }
    if (!type.isObject() && (objectType.isPresent() || inheritedObjectType.isPresent())) {
      throw new IllegalArgumentException(type + " cannot carry object GUIDs");
    }
  }

  /** A non-object ACE. */
  public static Ace of(AceType type, int flags, int mask, Sid sid) {
    return new Ace(type, flags, mask, Optional.empty(), Optional.empty(), sid);
  }

  /** An object ACE; either GUID may be null. */
  public static Ace object(
      AceType type, int flags, int mask, UUID objectType, UUID inheritedObjectType, Sid sid) {
    return new Ace(
        type, flags, mask, Optional.ofNullable(objectType), Optional.ofNullable(inheritedObjectType), sid);
  }

  public boolean isInherited() {
    return (flags & AceFlags.INHERITED) != 0;
  }

  public boolean isInheritOnly() {
    return (flags & AceFlags.INHERIT_ONLY) != 0;
  }

  /** The same ACE with a different mask, used when merging grants as .NET does. */
  public Ace withMask(int newMask) {
    return new Ace(type, flags, newMask, objectType, inheritedObjectType, sid);
  }

  /** The same ACE with different flags. */
  public Ace withFlags(int newFlags) {
    return new Ace(type, newFlags, mask, objectType, inheritedObjectType, sid);
  }

  /** Everything but the mask: ACEs with the same key merge into one. */
  public boolean sameKey(Ace other) {
    return type == other.type
        && flags == other.flags
        && objectType.equals(other.objectType)
        && inheritedObjectType.equals(other.inheritedObjectType)
        && sid.equals(other.sid);
  }

  /** The binary size. */
  public int length() {
    int size = 8 + sid.binaryLength();
    if (type.isObject()) {
      size += 4 + (objectType.isPresent() ? 16 : 0) + (inheritedObjectType.isPresent() ? 16 : 0);
    }
    return size;
  }

  /** Reads the ACE at the reader's position; it must end by {@code end}, the ACL's end. */
  static Ace read(LittleEndianReader in, int end)
      throws SecurityFormatException, BinaryFormatException {
    int offset = in.position();
    AceType type = AceType.fromCode(in.u8("ACE type"), offset);
    int flags = in.u8("ACE flags");
    if ((flags & ~AceFlags.ALL) != 0) {
      throw SecurityFormatException.atOffset(
          offset + 1, "unknown ACE flags 0x" + Integer.toHexString(flags));
    }
    int size = in.u16("ACE size");
    if (size < 8 || offset + size > end) {
      throw SecurityFormatException.atOffset(
          offset + 2, "ACE size " + size + " does not fit the ACL (" + (end - offset) + " bytes left)");
    }
    // A narrower limit keeps the ACE body from reading into the next ACE.
    LittleEndianReader ace = in.seek(offset + 4).upTo(offset + size, "ACE");
    int mask = (int) ace.u32("ACE access mask");
    UUID objectType = null;
    UUID inherited = null;
    if (type.isObject()) {
      int flagsAt = ace.position();
      long objectFlags = ace.u32("object ACE flags");
      if ((objectFlags & ~3L) != 0) {
        throw SecurityFormatException.atOffset(
            flagsAt, "unknown object ACE flags 0x" + Long.toHexString(objectFlags));
      }
      if ((objectFlags & OBJECT_TYPE_PRESENT) != 0) {
        objectType = ace.guid("object type GUID");
      }
      if ((objectFlags & INHERITED_OBJECT_TYPE_PRESENT) != 0) {
        inherited = ace.guid("inherited object type GUID");
      }
    }
    Sid sid = ace.sid("SID");
    int position = ace.position();
    if (position != offset + size) {
      throw SecurityFormatException.atOffset(
          offset + 2, "ACE size " + size + " but its contents take " + (position - offset) + " bytes");
    }
    return object(type, flags, mask, objectType, inherited, sid);
  }

  void write(LittleEndianWriter out) {
    out.u8(type.code()).u8(flags).u16(length()).i32(mask);
    if (type.isObject()) {
      out.u32((objectType.isPresent() ? OBJECT_TYPE_PRESENT : 0)
          | (inheritedObjectType.isPresent() ? INHERITED_OBJECT_TYPE_PRESENT : 0));
      objectType.ifPresent(out::guid);
      inheritedObjectType.ifPresent(out::guid);
    }
    out.sid(sid);
  }

  /** {@code (type;flags;rights;object;inherited object;sid)}. */
  public String toSddl() {
    return "(" + type.sddl() + ";" + AceFlags.toSddl(flags) + ";" + AccessMask.toSddl(mask) + ";"
        + objectType.map(Ace::guid).orElse("") + ";" + inheritedObjectType.map(Ace::guid).orElse("")
        + ";" + Sddl.sid(sid) + ")";
  }

  private static String guid(UUID value) {
    return value.toString().toLowerCase(Locale.ROOT);
  }
}
