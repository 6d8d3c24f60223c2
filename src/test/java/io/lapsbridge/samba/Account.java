package io.lapsbridge.samba;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A user or computer account of the test forest with its own password, kept in a file for the
 * CLI's {@code --bind-password-file}. {@link #toString} leaves the password out.
 *
 * @param name the sAMAccountName (computers end in {@code $})
 * @param dn its distinguished name
 * @param passwordFile the file holding its password
 * @param forest the forest it belongs to
 */
record Account(String name, String dn, Path passwordFile, SambaDc.Spec forest) {
  String upn() {
    return name + "@" + forest.dnsDomain();
  }

  String password() {
    try {
      return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CLI's connection options: LDAPS with host-name validation, bound as this account. */
  List<String> connect(SambaDc dc) {
    return List.of("--host", forest.host(), "--ldaps", "--trust-store",
        dc.certificate().toString(), "--bind-dn", upn(), "--bind-password-file",
        passwordFile.toString());
  }

  @Override
  public String toString() {
    return "Account[" + name + ", " + dn + "]";
  }
}
