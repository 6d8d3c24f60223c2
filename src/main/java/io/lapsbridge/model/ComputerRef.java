package io.lapsbridge.model;

/**
 * A computer object found in the directory: its DN and the names a person would type for it.
 *
 * @param dn the distinguished name
 * @param name the {@code cn}
 * @param samAccountName the {@code sAMAccountName}, normally the name plus {@code $}; may be null
 * @param dnsHostName the {@code dNSHostName}; may be null
 */
// The @param texts name the LDAP attributes (sAMAccountName, dNSHostName), not misspelt params.
@SuppressWarnings("InvalidParam")
public record ComputerRef(String dn, String name, String samAccountName, String dnsHostName) {
  public ComputerRef {
    if (dn == null || dn.isBlank()) {
      throw new IllegalArgumentException("computer DN must not be blank");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("computer name must not be blank: " + dn);
    }
  }
}
