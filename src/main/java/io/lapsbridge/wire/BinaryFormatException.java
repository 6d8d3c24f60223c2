package io.lapsbridge.wire;

/**
 * Bytes that do not follow their binary layout, at a known offset. {@link #truncated()} tells a
 * value that ends too early from one that is wrong where it stands, which callers such as the
 * DPAPI-NG decoder report differently.
 */
public final class BinaryFormatException extends MalformedValueException {
  private static final long serialVersionUID = 1L;
  private final int offset;
  private final String problem;
  private final boolean truncated;

  BinaryFormatException(int offset, String problem, boolean truncated) {
    super("offset " + offset + ": " + problem);
    this.offset = offset;
    this.problem = problem;
    this.truncated = truncated;
  }

  /** The byte offset of the problem, counted from the start of the array. */
  public int offset() {
    return offset;
  }

  /** The message without the offset. */
  public String problem() {
    return problem;
  }

  /** Whether the bytes end before the layout does. */
  public boolean truncated() {
    return truncated;
  }
}
