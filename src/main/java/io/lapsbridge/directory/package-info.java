/**
 * The directory adapter and the only package that speaks LDAP (UnboundID LDAP SDK): connections
 * with LDAPS or StartTLS and certificate validation, binds, locating computers with escaped
 * filters, reading and writing both LAPS attribute families, paged searches, and the schema
 * check and extension.
 *
 * <p>Imports everything below the CLI except {@code embedded}. Failures are {@link
 * io.lapsbridge.directory.DirectoryException}s that carry the operation, DN, attribute and LDAP
 * result code; the CLI maps them to exit codes.
 */
package io.lapsbridge.directory;
