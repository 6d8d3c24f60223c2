package io.lapsbridge.security;

import io.lapsbridge.model.Sid;
import java.util.Objects;

/**
 * Why one principal can read a family's password on one object, or could grant itself that
 * right ({@link Access#ESCALATION}).
 */
public record AccessFinding(Sid principal, Access access, String why) {
  /** The kind of finding. */
  public enum Access {
    READ,
    ESCALATION
  }

  public AccessFinding {
    Objects.requireNonNull(principal);
    Objects.requireNonNull(access);
    Objects.requireNonNull(why);
  }
}
