package io.lapsbridge.security;

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
    int size = 8 + sid.length();
    if (type.isObject()) {
      size += 4 + (objectType.isPresent() ? 16 : 0) + (inheritedObjectType.isPresent() ? 16 : 0);
    }
    return size;
  }

  static Ace read(ByteReader in, int offset, int end) throws SecurityFormatException {
    AceType type = AceType.fromCode(in.u8(offset, "ACE type"), offset);
    int flags = in.u8(offset + 1, "ACE flags");
    if ((flags & ~AceFlags.ALL) != 0) {
      throw SecurityFormatException.atOffset(
          offset + 1, "unknown ACE flags 0x" + Integer.toHexString(flags));
    }
    int size = in.u16(offset + 2, "ACE size");
    if (size < 8 || offset + size > end) {
      throw SecurityFormatException.atOffset(
          offset + 2, "ACE size " + size + " does not fit the ACL (" + (end - offset) + " bytes left)");
    }
    ByteReader ace = new ByteReader(bytesOf(in), offset + size);
    int mask = (int) ace.u32(offset + 4, "ACE access mask");
    int position = offset + 8;
    UUID objectType = null;
    UUID inherited = null;
    if (type.isObject()) {
      long objectFlags = ace.u32(position, "object ACE flags");
      if ((objectFlags & ~3L) != 0) {
        throw SecurityFormatException.atOffset(
            position, "unknown object ACE flags 0x" + Long.toHexString(objectFlags));
      }
      position += 4;
      if ((objectFlags & OBJECT_TYPE_PRESENT) != 0) {
        objectType = Guids.read(ace, position);
        position += 16;
      }
      if ((objectFlags & INHERITED_OBJECT_TYPE_PRESENT) != 0) {
        inherited = Guids.read(ace, position);
        position += 16;
      }
    }
    Sid sid = Sid.read(ace, position);
    position += sid.length();
    if (position != offset + size) {
      throw SecurityFormatException.atOffset(
          offset + 2, "ACE size " + size + " but its contents take " + (position - offset) + " bytes");
    }
    return object(type, flags, mask, objectType, inherited, sid);
  }

  // The reader shares the caller's array; a narrower limit bounds the ACE body.
  private static byte[] bytesOf(ByteReader in) {
    return in.array();
  }

  void write(ByteWriter out) {
    out.u8(type.code()).u8(flags).u16(length()).u32(mask & 0xFFFF_FFFFL);
    if (type.isObject()) {
      out.u32((objectType.isPresent() ? OBJECT_TYPE_PRESENT : 0)
          | (inheritedObjectType.isPresent() ? INHERITED_OBJECT_TYPE_PRESENT : 0));
      objectType.ifPresent(guid -> out.bytes(Guids.toBytes(guid)));
      inheritedObjectType.ifPresent(guid -> out.bytes(Guids.toBytes(guid)));
    }
    sid.write(out);
  }

  /** {@code (type;flags;rights;object;inherited object;sid)}. */
  public String toSddl() {
    return "(" + type.sddl() + ";" + AceFlags.toSddl(flags) + ";" + AccessMask.toSddl(mask) + ";"
        + objectType.map(Ace::guid).orElse("") + ";" + inheritedObjectType.map(Ace::guid).orElse("")
        + ";" + sid.toSddl() + ")";
  }

  private static String guid(UUID value) {
    return value.toString().toLowerCase(Locale.ROOT);
  }
}
