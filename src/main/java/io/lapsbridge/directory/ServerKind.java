package io.lapsbridge.directory;

/** The directory product, as far as the schema operations need to know. */
public enum ServerKind {
  ACTIVE_DIRECTORY,
  APACHEDS,
  OTHER
}
