package io.lapsbridge.migration;

import io.lapsbridge.model.FileTime;
import io.lapsbridge.wire.LapsAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one read of a computer showed, without any password: the engine decides from presence,
 * times and problems only. The directory adapter compares secrets (see {@code
 * windowsMirrorsLegacy}) so that none reaches the engine.
 *
 * @param dn the computer's DN
 * @param name its {@code cn}
 * @param legacyPassword whether {@code ms-Mcs-AdmPwd} is present
 * @param legacyExpiry {@code ms-Mcs-AdmPwdExpirationTime}, or null
 * @param windowsCleartext whether a well-formed {@code msLAPS-Password} is present
 * @param windowsUpdated the update time of the Windows LAPS password (cleartext {@code t} or the
 *     encrypted header), or null
 * @param windowsExpiry {@code msLAPS-PasswordExpirationTime}, or null
 * @param windowsEncrypted whether {@code msLAPS-EncryptedPassword} is present
 * @param windowsMirrorsLegacy whether the cleartext Windows LAPS password equals the legacy one,
 *     as a mirror writes it
 * @param problems values that do not follow their wire format
 * @param windowsAccount the {@code n} (managed account name) of a well-formed cleartext {@code
 *     msLAPS-Password}, or null; not a secret, and what tells a lapsbridge mirror (see {@link
 *     Mirrors})
 */
public record ComputerSnapshot(
    String dn,
    String name,
    boolean legacyPassword,
    FileTime legacyExpiry,
    boolean windowsCleartext,
    FileTime windowsUpdated,
    FileTime windowsExpiry,
    boolean windowsEncrypted,
    boolean windowsMirrorsLegacy,
    List<Problem> problems,
    String windowsAccount) {

  /** A stored value that could not be decoded: the attribute and what is wrong with it. */
  public record Problem(String attribute, String message) {
    public Problem {
      if (attribute == null || message == null) {
        throw new IllegalArgumentException("a problem needs an attribute and a message");
      }
    }
  }

  public ComputerSnapshot {
    if (dn == null || dn.isBlank()) {
      throw new IllegalArgumentException("snapshot DN must not be blank");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("snapshot name must not be blank: " + dn);
    }
    problems = List.copyOf(problems);
  }

  /** A snapshot without the cleartext account name (callers that do not need mirror marks). */
  public ComputerSnapshot(String dn, String name, boolean legacyPassword, FileTime legacyExpiry,
      boolean windowsCleartext, FileTime windowsUpdated, FileTime windowsExpiry,
      boolean windowsEncrypted, boolean windowsMirrorsLegacy, List<Problem> problems) {
    this(dn, name, legacyPassword, legacyExpiry, windowsCleartext, windowsUpdated, windowsExpiry,
        windowsEncrypted, windowsMirrorsLegacy, problems, null);
  }

  /**
   * The password attributes this bind could not read although their expiry is readable, so a
   * password is stored: AD leaves a confidential attribute out of the entry, silently, for a
   * bind without the read and control-access rights on it.
   */
  public List<String> hiddenPasswords() {
    List<String> hidden = new ArrayList<>();
    if (legacyExpiry != null && !legacyPassword
        && !malformed(LapsAttribute.LEGACY_PASSWORD)) {
      hidden.add(LapsAttribute.LEGACY_PASSWORD.ldapName());
    }
    if (windowsExpiry != null && !windowsPassword() && !malformed(LapsAttribute.PASSWORD)
        && !malformed(LapsAttribute.ENCRYPTED_PASSWORD)) {
      // Either may be stored; a bind without the right sees neither.
      hidden.add(LapsAttribute.PASSWORD.ldapName() + " or "
          + LapsAttribute.ENCRYPTED_PASSWORD.ldapName());
    }
    return hidden;
  }

  /** A value that is present but undecodable is stored and readable, not hidden. */
  private boolean malformed(LapsAttribute attribute) {
    return problems.stream().anyMatch(p -> p.attribute().equalsIgnoreCase(attribute.ldapName()));
  }

  /** Whether any Windows LAPS password (cleartext or encrypted) is stored. */
  public boolean windowsPassword() {
    return windowsCleartext || windowsEncrypted;
  }

  public Optional<FileTime> legacyExpiryTime() {
    return Optional.ofNullable(legacyExpiry);
  }

  public Optional<FileTime> windowsExpiryTime() {
    return Optional.ofNullable(windowsExpiry);
  }

  /**
   * The parent DN: the computer's OU (or container). Splits at the first comma that is not
   * escaped, which is how RFC 4514 DNs separate the RDN.
   */
  public String parent() {
    for (int i = 0; i < dn.length(); i++) {
      char c = dn.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ',') {
        return dn.substring(i + 1).trim();
      }
    }
    return "";
  }
}
