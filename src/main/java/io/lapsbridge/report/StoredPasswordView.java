package io.lapsbridge.report;

import io.lapsbridge.decryption.DecryptionStatus;
import io.lapsbridge.model.ComputerRef;
import io.lapsbridge.model.LapsPassword;

/** A password stored in the clear ({@code ms-Mcs-AdmPwd} or {@code msLAPS-Password}). */
public record StoredPasswordView(
    String computer,
    String dn,
    String account,
    String password,
    String passwordUpdateTime,
    String expiration,
    String source,
    String decryptionStatus,
    String authorizedDecryptor) implements PasswordView {

  public static StoredPasswordView of(ComputerRef computer, LapsPassword password) {
    String notApplicable = DecryptionStatus.NOT_APPLICABLE.displayName();
    return new StoredPasswordView(computer.name(), computer.dn(), password.account(),
        // The one place a stored password leaves the process: get-password exists to show it.
        password.password().reveal(),
        Times.iso(password.updated()), Times.iso(password.expires()),
        password.source().displayName(), notApplicable, notApplicable);
  }

  @Override
  public String toString() {
    return "StoredPasswordView[" + computer + ", " + source + ", password=****]";
  }
}
