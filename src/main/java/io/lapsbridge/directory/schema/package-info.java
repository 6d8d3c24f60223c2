/**
 * Schema-extension scripts for Active Directory, ApacheDS and OpenLDAP, generated from {@link
 * io.lapsbridge.wire.LapsAttribute}. The files in {@code schema-ldif/} are this package's output.
 *
 * <p>Imports {@code model}, {@code wire} and UnboundID's LDIF and schema classes (rendering only,
 * no connections).
 */
package io.lapsbridge.directory.schema;
