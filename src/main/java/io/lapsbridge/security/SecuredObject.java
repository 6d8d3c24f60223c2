package io.lapsbridge.security;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One directory object as the audit sees it: its DN as the server spells it, a normalized key
 * for itself and its parent (null at the top of what was read), its class GUID, and the part of
 * its descriptor that was read.
 */
public record SecuredObject(
    String dn,
    String key,
    String parentKey,
    UUID objectClass,
    boolean computer,
    Optional<SecurityDescriptor> descriptor) {
  public SecuredObject {
    Objects.requireNonNull(dn);
    Objects.requireNonNull(key);
    Objects.requireNonNull(objectClass);
    Objects.requireNonNull(descriptor);
  }
}
