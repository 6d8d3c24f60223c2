package io.lapsbridge.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;

/**
 * The bind identity in the form NTLM needs, so that GetKey runs as the same user the LDAP side
 * bound as: {@code user@domain} and <code>DOMAIN&#92;user</code> are taken as given; for a DN the
 * entry's {@code sAMAccountName} and the domain's NetBIOS name are read, as Windows would name
 * the account.
 */
public record NtlmIdentity(String user, String domain) {
  public NtlmIdentity {
    if (user == null || user.isBlank() || domain == null || domain.isBlank()) {
      throw new IllegalArgumentException("an NTLM identity needs a user and a domain");
    }
  }

  /** The NTLM identity of the directory's bind. */
  public static NtlmIdentity of(LapsDirectory directory) throws DirectoryException {
    String bind = directory.settings().bindDn();
    if (bind == null) {
      throw new DirectoryException(
          DirectoryException.Kind.BIND, "an anonymous bind has no account to ask a DC as");
    }
    int backslash = bind.indexOf('\\');
    if (backslash > 0 && !bind.contains("=")) {
      return new NtlmIdentity(bind.substring(backslash + 1), bind.substring(0, backslash));
    }
    int at = bind.lastIndexOf('@');
    if (at > 0 && !bind.contains("=")) {
      return new NtlmIdentity(bind.substring(0, at), bind.substring(at + 1));
    }
    SearchResultEntry entry;
    try {
      entry = directory.connection().getEntry(bind, "sAMAccountName");
    } catch (LDAPException e) {
      throw new DirectoryException(
          DirectoryException.Kind.NOT_FOUND,
          "cannot read the sAMAccountName of the bind '" + bind + "': " + e.getMessage(),
          e.getResultCode().toString(), e);
    }
    String account = entry == null ? null : entry.getAttributeValue("sAMAccountName");
    if (account == null) {
      throw new DirectoryException(
          DirectoryException.Kind.NOT_FOUND,
          "the bind '" + bind + "' has no sAMAccountName, so it has no NTLM name; bind as "
              + "user@domain or DOMAIN\\user, or give --kds-key-file");
    }
    return new NtlmIdentity(account, SecurityDirectory.of(directory).netbiosName());
  }

  @Override
  public String toString() {
    return domain + "\\" + user;
  }
}
