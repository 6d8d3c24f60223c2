package io.lapsbridge.security;

import io.lapsbridge.wire.BinaryFormatException;

/**
 * A descriptor, SID, GUID or SDDL string that does not parse. The message says where: a byte
 * offset for binary input, a character position for SDDL.
 */
public final class SecurityFormatException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int position;

  SecurityFormatException(String where, int position, String problem) {
    super(where + " " + position + ": " + problem);
    this.position = position;
  }

  static SecurityFormatException atOffset(int offset, String problem) {
    return new SecurityFormatException("offset", offset, problem);
  }

  /** The same problem at the same offset, in this package's exception family. */
  static SecurityFormatException of(BinaryFormatException e) {
    return atOffset(e.offset(), e.problem());
  }

  static SecurityFormatException atPosition(int position, String problem) {
    return new SecurityFormatException("SDDL position", position, problem);
  }

  /** The byte offset or character position of the problem. */
  public int position() {
    return position;
  }
}
