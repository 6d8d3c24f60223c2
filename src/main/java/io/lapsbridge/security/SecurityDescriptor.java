package io.lapsbridge.security;

import io.lapsbridge.model.Sid;
import io.lapsbridge.wire.BinaryFormatException;
import io.lapsbridge.wire.LittleEndianReader;
import io.lapsbridge.wire.LittleEndianWriter;
import java.util.Optional;

/**
 * A self-relative security descriptor (MS-DTYP 2.4.6): control flags, owner, group, SACL and
 * DACL. A DACL-present flag with no DACL is the "NULL DACL" that grants everything.
 *
 * <p>{@link #fromBytes} is strict: every offset and size must agree, and the first problem is
 * reported with its byte offset. {@link #toBytes} writes the header, then SACL, DACL, owner and
 * group, the layout AD returns; a descriptor that was laid out that way round-trips byte for byte.
 */
public record SecurityDescriptor(
    int control, Optional<Sid> owner, Optional<Sid> group, Optional<Acl> sacl, Optional<Acl> dacl) {
  public static final int OWNER_DEFAULTED = 0x0001;
  public static final int GROUP_DEFAULTED = 0x0002;
  public static final int DACL_PRESENT = 0x0004;
  public static final int DACL_DEFAULTED = 0x0008;
  public static final int SACL_PRESENT = 0x0010;
  public static final int SACL_DEFAULTED = 0x0020;
  public static final int DACL_AUTO_INHERIT_REQ = 0x0100;
  public static final int SACL_AUTO_INHERIT_REQ = 0x0200;
  public static final int DACL_AUTO_INHERITED = 0x0400;
  public static final int SACL_AUTO_INHERITED = 0x0800;
  public static final int DACL_PROTECTED = 0x1000;
  public static final int SACL_PROTECTED = 0x2000;
  public static final int SELF_RELATIVE = 0x8000;

  private static final int HEADER = 20;

  public SecurityDescriptor {
    if ((control & ~0xFFFF) != 0 || (control & SELF_RELATIVE) == 0) {
      throw new IllegalArgumentException(
          "control 0x" + Integer.toHexString(control) + " must be 16 bits with SELF_RELATIVE set");
    }
    if (dacl.isPresent() && (control & DACL_PRESENT) == 0) {
      throw new IllegalArgumentException("a DACL without the DACL_PRESENT flag");
    }
    if (sacl.isPresent() && (control & SACL_PRESENT) == 0) {
      throw new IllegalArgumentException("a SACL without the SACL_PRESENT flag");
    }
  }

  /** Whether the DACL blocks inheritance from the parent. */
  public boolean daclProtected() {
    return (control & DACL_PROTECTED) != 0;
  }

  /** The same descriptor with another DACL. */
  public SecurityDescriptor withDacl(Acl newDacl) {
    return new SecurityDescriptor(control | DACL_PRESENT, owner, group, sacl, Optional.of(newDacl));
  }

  /** The same descriptor with another SACL. */
  public SecurityDescriptor withSacl(Acl newSacl) {
    return new SecurityDescriptor(control | SACL_PRESENT, owner, group, Optional.of(newSacl), dacl);
  }

  /** Parses a self-relative descriptor that fills the whole array. */
  public static SecurityDescriptor fromBytes(byte[] bytes) throws SecurityFormatException {
    try {
      return read(LittleEndianReader.of(bytes));
    } catch (BinaryFormatException e) {
      throw SecurityFormatException.of(e);
    }
  }

  private static SecurityDescriptor read(LittleEndianReader in)
      throws SecurityFormatException, BinaryFormatException {
    int revision = in.u8("descriptor revision");
    if (revision != 1) {
      throw SecurityFormatException.atOffset(0, "descriptor revision " + revision + ", expected 1");
    }
    if (in.u8("descriptor padding") != 0) {
      throw SecurityFormatException.atOffset(1, "descriptor padding byte is not zero");
    }
    int control = in.u16("descriptor control");
    if ((control & SELF_RELATIVE) == 0) {
      throw SecurityFormatException.atOffset(2, "descriptor is not self-relative");
    }
    int end = HEADER;
    in.seek(0).require(HEADER, "descriptor header");
    in.seek(4);
    int ownerAt = offset(in, "owner");
    int groupAt = offset(in, "group");
    int saclAt = offset(in, "SACL");
    int daclAt = offset(in, "DACL");
    Optional<Sid> owner = Optional.empty();
    Optional<Sid> group = Optional.empty();
    Optional<Acl> sacl = Optional.empty();
    Optional<Acl> dacl = Optional.empty();
    if (ownerAt != 0) {
      owner = Optional.of(in.seek(ownerAt).sid("SID"));
      end = Math.max(end, ownerAt + owner.get().binaryLength());
    }
    if (groupAt != 0) {
      group = Optional.of(in.seek(groupAt).sid("SID"));
      end = Math.max(end, groupAt + group.get().binaryLength());
    }
    if (saclAt != 0) {
      if ((control & SACL_PRESENT) == 0) {
        throw SecurityFormatException.atOffset(12, "SACL offset set but SACL_PRESENT is not");
      }
      sacl = Optional.of(Acl.read(in.seek(saclAt)));
      end = Math.max(end, saclAt + sacl.get().length());
    }
    if (daclAt != 0) {
      if ((control & DACL_PRESENT) == 0) {
        throw SecurityFormatException.atOffset(16, "DACL offset set but DACL_PRESENT is not");
      }
      dacl = Optional.of(Acl.read(in.seek(daclAt)));
      end = Math.max(end, daclAt + dacl.get().length());
    }
    if (end != in.limit()) {
      throw SecurityFormatException.atOffset(
          end, (in.limit() - end) + " bytes after the descriptor");
    }
    return new SecurityDescriptor(control, owner, group, sacl, dacl);
  }

  private static int offset(LittleEndianReader in, String what)
      throws SecurityFormatException, BinaryFormatException {
    int at = in.position();
    long value = in.u32(what + " offset");
    if (value != 0 && (value < HEADER || value >= in.limit())) {
      throw SecurityFormatException.atOffset(
          at, what + " offset " + value + " is outside the descriptor (" + in.limit() + " bytes)");
    }
    return (int) value;
  }

  /** The self-relative bytes: header, SACL, DACL, owner, group. */
  public byte[] toBytes() {
    int position = HEADER;
    int saclAt = 0;
    int daclAt = 0;
    int ownerAt = 0;
    int groupAt = 0;
    if (sacl.isPresent()) {
      saclAt = position;
      position += sacl.get().length();
    }
    if (dacl.isPresent()) {
      daclAt = position;
      position += dacl.get().length();
    }
    if (owner.isPresent()) {
      ownerAt = position;
      position += owner.get().binaryLength();
    }
    if (group.isPresent()) {
      groupAt = position;
    }
    LittleEndianWriter out = new LittleEndianWriter();
    out.u8(1).u8(0).u16(control).u32(ownerAt).u32(groupAt).u32(saclAt).u32(daclAt);
    sacl.ifPresent(acl -> acl.write(out));
    dacl.ifPresent(acl -> acl.write(out));
    owner.ifPresent(out::sid);
    group.ifPresent(out::sid);
    return out.toByteArray();
  }

  /** The SDDL form; see {@link Sddl}. */
  public String toSddl() {
    return Sddl.render(this);
  }

  @Override
  public String toString() {
    return toSddl();
  }
}
