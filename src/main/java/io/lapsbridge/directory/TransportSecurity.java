package io.lapsbridge.directory;

/** How the LDAP connection is protected. */
public enum TransportSecurity {
  /** TLS from the first byte, normally port 636. */
  LDAPS,
  /** Plain connect, then the StartTLS extended operation before the bind. */
  START_TLS,
  /** No TLS at all. Allowed only when the user passes {@code --insecure}. */
  NONE
}
