package io.lapsbridge.policy;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.wire.LapsAttribute;
import java.util.List;
import java.util.Optional;

/**
 * Where the password must go and what it must look like: the engine's final answer.
 *
 * @param directory the one directory to back up to, or {@link BackupDirectory#NONE}
 * @param attributeFamily the AD attribute family written; empty for Entra ID or no backup
 * @param encryption how the password is protected
 * @param historySize encrypted history entries kept (0 = none)
 * @param dsrm whether this is the DSRM password of a domain controller
 * @param account the managed account
 * @param passwordAgeDays days between rotations
 * @param complexity PasswordComplexity 1-8
 * @param length characters (complexity 1-5) or words (6-8)
 * @param expirationProtection whether an expiry beyond now + age forces a rotation
 * @param reason one line saying why this is the plan
 * @param problem whether the policy asked for something impossible on this device
 * @param notes further facts an administrator should know
 */
public record BackupPlan(
    BackupDirectory directory,
    Optional<AttributeFamily> attributeFamily,
    Encryption encryption,
    int historySize,
    boolean dsrm,
    ManagedAccount account,
    int passwordAgeDays,
    int complexity,
    int length,
    boolean expirationProtection,
    String reason,
    boolean problem,
    List<String> notes) {

  public BackupPlan {
    notes = List.copyOf(notes);
  }

  /** A plan that backs nothing up, for the stated reason. */
  public static BackupPlan none(String reason, boolean problem, List<String> notes) {
    return new BackupPlan(BackupDirectory.NONE, Optional.empty(),
        new Encryption.NotApplicable("no backup"), 0, false, new ManagedAccount.Nobody(), 0, 0, 0,
        false, reason, problem, notes);
  }

  /** This plan marked as a problem, with {@code note} added. */
  public BackupPlan withProblem(String note) {
    List<String> more = new java.util.ArrayList<>(notes);
    more.add(note);
    return new BackupPlan(directory, attributeFamily, encryption, historySize, dsrm, account,
        passwordAgeDays, complexity, length, expirationProtection, reason, true, more);
  }

  public boolean backsUp() {
    return directory != BackupDirectory.NONE;
  }

  /** {@code characters} or {@code words}. */
  public String lengthUnit() {
    return complexity >= 6 ? "words" : "characters";
  }

  /** The attribute (or Entra object) that receives the password. */
  public String passwordTarget() {
    if (directory == BackupDirectory.ENTRA_ID) {
      return "Entra ID device object (deviceLocalCredentials)";
    }
    if (directory == BackupDirectory.NONE) {
      return "none";
    }
    if (attributeFamily.orElseThrow() == AttributeFamily.LEGACY) {
      return LapsAttribute.LEGACY_PASSWORD.ldapName() + ", "
          + LapsAttribute.LEGACY_EXPIRATION_TIME.ldapName();
    }
    if (dsrm) {
      return historySize > 0
          ? LapsAttribute.ENCRYPTED_DSRM_PASSWORD.ldapName() + ", "
              + LapsAttribute.ENCRYPTED_DSRM_PASSWORD_HISTORY.ldapName() + ", "
              + LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName()
          : LapsAttribute.ENCRYPTED_DSRM_PASSWORD.ldapName() + ", "
              + LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName();
    }
    if (encryption.encrypted()) {
      return historySize > 0
          ? LapsAttribute.ENCRYPTED_PASSWORD.ldapName() + ", "
              + LapsAttribute.ENCRYPTED_PASSWORD_HISTORY.ldapName() + ", "
              + LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName()
          : LapsAttribute.ENCRYPTED_PASSWORD.ldapName() + ", "
              + LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName();
    }
    return LapsAttribute.PASSWORD.ldapName() + ", "
        + LapsAttribute.PASSWORD_EXPIRATION_TIME.ldapName();
  }
}
