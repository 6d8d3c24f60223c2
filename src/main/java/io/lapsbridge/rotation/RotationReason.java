package io.lapsbridge.rotation;

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
