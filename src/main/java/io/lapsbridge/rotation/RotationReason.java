package io.lapsbridge.rotation;

import io.lapsbridge.wire.LapsAttribute;

/** Why a password must change now; the real clients list these in event 10015. */
public enum RotationReason {
  NO_EXPIRY("no expiry is stored (first backup, or the value was cleared or malformed)"),
  EXPIRED("the password expired"),
  ADMIN_RESET("an administrator moved the expiry to now or earlier"),
  BEYOND_POLICY("the stored expiry is beyond now + PasswordAgeDays while expiration protection"
      + " is on"),
  FIRST_POLICY("this agent has not yet rotated under the Windows LAPS policy"),
  POST_AUTHENTICATION("the managed account authenticated and the post-authentication delay"
      + " has passed"),
  IMAGE_ROLLBACK("the directory's " + LapsAttribute.CURRENT_PASSWORD_VERSION.ldapName()
      + " differs from the version"
      + " this device recorded (restored from an image or snapshot?)"),
  ACCOUNT_CREATED("the managed account was just created (automatic account management)"),
  ACCOUNT_NAME_CHANGED("the policy names the managed account differently now (automatic account"
      + " management)"),
  FORCED("a rotation was requested on the device (--force)"),
  UNCERTAIN_JOURNAL("an interrupted rotation could not be proved written or not written");

  private final String text;

  RotationReason(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
