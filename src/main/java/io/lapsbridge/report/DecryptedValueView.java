package io.lapsbridge.report;

import io.lapsbridge.crypto.DecryptedPassword;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What {@code decrypt} prints for one value. The password is plain text because showing it is
 * what the command is for; {@code toString()} masks it.
 */
public record DecryptedValueView(
    String account,
    String password,
    String passwordUpdateTime,
    String headerTime,
    String authorizedDecryptorSid) {
  private static final Map<String, String> LABELS = TextOutput.labels(
      "account", "Account", "password", "Password", "passwordUpdateTime", "PasswordUpdateTime",
      "authorizedDecryptorSid", "AuthorizedDecryptor");

  public static DecryptedValueView of(DecryptedPassword decrypted) {
    return new DecryptedValueView(decrypted.account(),
        // The one place decrypt lets a password out: printing it is its purpose.
        decrypted.password().reveal(),
        Times.iso(decrypted.updated()), Times.iso(decrypted.headerTime()),
        decrypted.authorizedDecryptor());
  }

  /** Prints the value: one JSON object, one CSV row, or labelled lines. */
  public void print(PrintWriter out, OutputFormat format) {
    if (format == OutputFormat.JSON) {
      out.println(JsonOutput.write(this));
      out.flush();
    } else {
      format.print(out, List.of(this), (o, views) -> TextOutput.labelled(o, views, LABELS));
    }
  }

  @Override
  public String toString() {
    return "DecryptedValueView[" + account + ", password=****]";
  }
}
