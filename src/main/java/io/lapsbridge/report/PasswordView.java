package io.lapsbridge.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code get-password}: a stored password of either family, or one encrypted value.
 * The password is plain text because showing it is what the command is for; {@code toString()}
 * masks it.
 */
public sealed interface PasswordView
    permits StoredPasswordView, EncryptedPasswordView, EntraPasswordView {
  /** The password, or null when it was not decrypted. */
  String password();

  /** Get-LapsADPassword's labels, in its order; a property a row lacks is left out. */
  Map<String, String> LABELS = TextOutput.labels(
      "computer", "ComputerName", "dn", "DistinguishedName", "deviceId", "DeviceId",
      "account", "Account", "accountSid", "AccountSid",
      "password", "Password", "passwordUpdateTime", "PasswordUpdateTime",
      "expiration", "ExpirationTimestamp", "source", "Source",
      "decryptionStatus", "DecryptionStatus", "authorizedDecryptor", "AuthorizedDecryptor",
      "passwordEncoding", "PasswordEncoding",
      "note", "Note");

  /** The text layout: one labelled block per row. */
  static void printText(PrintWriter out, List<? extends PasswordView> views) {
    TextOutput.labelled(out, views, LABELS);
  }
}
