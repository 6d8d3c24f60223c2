package io.lapsbridge.directory;

/**
 * One step of a schema extension.
 *
 * @param description what the step does, for people
 * @param ldif the same step as an LDIF change record
 */
public record SchemaChange(String description, String ldif) {}
