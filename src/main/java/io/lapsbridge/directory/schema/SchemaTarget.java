package io.lapsbridge.directory.schema;

/** The directory products that {@code schema print} writes extension scripts for. */
public enum SchemaTarget {
  /** Active Directory (and Samba AD): {@code attributeSchema} objects, for ldifde or ldapmodify. */
  AD,
  /** The ApacheDS stand-in: RFC 4512 definitions on its subschema subentry. */
  APACHEDS,
  /** OpenLDAP: an {@code olcSchemaConfig} entry under {@code cn=schema,cn=config}. */
  OPENLDAP
}
