package io.lapsbridge.gpo;

import io.lapsbridge.policy.PolicyInputException;

/** A Registry.pol file is malformed: {@code file:offset: error}, offset in bytes. */
public final class RegistryPolException extends PolicyInputException {
  private static final long serialVersionUID = 1L;
  private final long offset;

  public RegistryPolException(String file, long offset, String error) {
    super(file, Long.toString(offset), error);
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }
}
