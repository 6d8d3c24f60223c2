package io.lapsbridge.security;

import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An access control list: revision 2, or 4 when it holds object ACEs (MS-DTYP 2.4.5), and its
 * ACEs in stored order.
 */
public record Acl(int revision, List<Ace> aces) {
  public static final int REVISION = 2;
  public static final int REVISION_DS = 4;

  public Acl {
    aces = List.copyOf(aces);
    if (revision != REVISION && revision != REVISION_DS) {
      throw new IllegalArgumentException("ACL revision " + revision + ", expected 2 or 4");
    }
    if (revision == REVISION && aces.stream().anyMatch(ace -> ace.type().isObject())) {
      throw new IllegalArgumentException("object ACEs need ACL revision 4");
    }
  }

  /** An ACL of these ACEs with the lowest revision that can hold them. */
  public static Acl of(List<Ace> aces) {
    boolean object = aces.stream().anyMatch(ace -> ace.type().isObject());
    return new Acl(object ? REVISION_DS : REVISION, aces);
  }

  /** The same list with other ACEs, raising the revision when object ACEs arrive. */
  public Acl withAces(List<Ace> newAces) {
    boolean object = newAces.stream().anyMatch(ace -> ace.type().isObject());
    return new Acl(object ? REVISION_DS : revision, newAces);
  }

  public int length() {
    return 8 + aces.stream().mapToInt(Ace::length).sum();
  }

  /** Reads the ACL at the reader's position. */
  static Acl read(LittleEndianReader in) throws SecurityFormatException, BinaryFormatException {
    int offset = in.position();
    int revision = in.u8("ACL revision");
    if (revision != REVISION && revision != REVISION_DS) {
      throw SecurityFormatException.atOffset(offset, "ACL revision " + revision + ", expected 2 or 4");
    }
    if (in.u8("ACL padding") != 0) {
      throw SecurityFormatException.atOffset(offset + 1, "ACL padding byte is not zero");
    }
    int size = in.u16("ACL size");
    int count = in.u16("ACE count");
    if (in.u16("ACL padding") != 0) {
      throw SecurityFormatException.atOffset(offset + 6, "ACL padding word is not zero");
    }
    if (size < 8) {
      throw SecurityFormatException.atOffset(offset + 2, "ACL size " + size + " is below the 8-byte header");
    }
    in.seek(offset).require(size, "ACL");
    int end = offset + size;
    List<Ace> aces = new ArrayList<>(count);
    int position = offset + 8;
    for (int i = 0; i < count; i++) {
      if (position + 4 > end) {
        throw SecurityFormatException.atOffset(
            position, "ACL says " + count + " ACEs but ends after " + i);
      }
      Ace ace = Ace.read(in.seek(position), end);
      if (ace.type().isObject() && revision == REVISION) {
        throw SecurityFormatException.atOffset(position, "object ACE in a revision 2 ACL");
      }
      aces.add(ace);
      position += ace.length();
    }
    if (position != end) {
      throw SecurityFormatException.atOffset(
          position, "ACL size " + size + " but its ACEs take " + (position - offset) + " bytes");
    }
    return new Acl(revision, aces);
  }

  void write(LittleEndianWriter out) {
    out.u8(revision).u8(0).u16(length()).u16(aces.size()).u16(0);
    for (Ace ace : aces) {
      ace.write(out);
    }
  }
}
