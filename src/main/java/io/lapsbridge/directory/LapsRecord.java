package io.lapsbridge.directory;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.FileTime;
import io.lapsbridge.model.LapsPassword;
import io.lapsbridge.wire.LapsAttribute;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything LAPS-related that one read of a computer object returned.
 *
 * @param computer the computer
 * @param legacyPassword from {@code ms-Mcs-AdmPwd}, when present and readable
 * @param legacyExpiration from {@code ms-Mcs-AdmPwdExpirationTime}
 * @param windowsPassword from {@code msLAPS-Password}, when present, readable and well formed
 * @param windowsExpiration from {@code msLAPS-PasswordExpirationTime}
 * @param present every LAPS attribute the entry returned, malformed or not
 * @param problems values that could not be decoded, each naming the attribute
 */
public record LapsRecord(
    ComputerRef computer,
    Optional<LapsPassword> legacyPassword,
    Optional<FileTime> legacyExpiration,
    Optional<LapsPassword> windowsPassword,
    Optional<FileTime> windowsExpiration,
    Set<LapsAttribute> present,
    List<ValueProblem> problems) {

  /** A stored value that does not follow its wire format. */
  public record ValueProblem(LapsAttribute attribute, String message) {
    @Override
    public String toString() {
      return attribute.ldapName() + ": " + message;
    }
  }

  public LapsRecord {
    present = Set.copyOf(present);
    problems = List.copyOf(problems);
  }

  public boolean has(LapsAttribute attribute) {
    return present.contains(attribute);
  }

  /** Whether the entry carries any attribute of {@code family}. */
  public boolean uses(AttributeFamily family) {
    return present.stream().anyMatch(a -> a.family() == family);
  }

  /**
   * Whether the family's password is probably hidden from this bind. Clients write the password
   * and its expiry in one modify, and only the password is confidential, so a readable expiry
   * beside a missing password means the bind lacks read rights (or someone cleared it by hand).
   */
  public boolean passwordHidden(AttributeFamily family) {
    return switch (family) {
      case LEGACY -> has(LapsAttribute.LEGACY_EXPIRATION_TIME)
          && !has(LapsAttribute.LEGACY_PASSWORD);
      case WINDOWS -> has(LapsAttribute.PASSWORD_EXPIRATION_TIME)
          && !has(LapsAttribute.PASSWORD)
          && !has(LapsAttribute.ENCRYPTED_PASSWORD)
          && !has(LapsAttribute.ENCRYPTED_DSRM_PASSWORD);
    };
  }
}
