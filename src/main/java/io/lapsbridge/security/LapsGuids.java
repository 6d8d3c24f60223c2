package io.lapsbridge.security;

import io.lapsbridge.model.AttributeFamily;
import io.lapsbridge.wire.LapsAttribute;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The per-forest {@code schemaIDGUID}s of the LAPS attributes, as found in the schema naming
 * context. A family whose schema is missing has empty values and cannot be granted.
 */
public record LapsGuids(
    Optional<UUID> legacyPassword,
    Optional<UUID> legacyExpiration,
    Optional<UUID> windowsPassword,
    Optional<UUID> windowsExpiration,
    Optional<UUID> windowsEncryptedPassword) {
  public LapsGuids {
    Objects.requireNonNull(legacyPassword);
    Objects.requireNonNull(legacyExpiration);
    Objects.requireNonNull(windowsPassword);
    Objects.requireNonNull(windowsExpiration);
    Objects.requireNonNull(windowsEncryptedPassword);
  }

  /** Whether both attributes a grant of this family needs are in the schema. */
  public boolean has(AttributeFamily family) {
    return family == AttributeFamily.LEGACY
        ? legacyPassword.isPresent() && legacyExpiration.isPresent()
        : windowsPassword.isPresent() && windowsExpiration.isPresent();
  }

  UUID password(AttributeFamily family) {
    return (family == AttributeFamily.LEGACY ? legacyPassword : windowsPassword).orElseThrow();
  }

  UUID expiration(AttributeFamily family) {
    return (family == AttributeFamily.LEGACY ? legacyExpiration : windowsExpiration).orElseThrow();
  }

  /**
   * The object types through which the family's password can be read, with display names:
   * the password attribute, and for Windows LAPS the encrypted attribute and its property set.
   */
  public Map<UUID, String> passwordTargets(AttributeFamily family) {
    Map<UUID, String> targets = new LinkedHashMap<>();
    if (family == AttributeFamily.LEGACY) {
      legacyPassword.ifPresent(guid -> targets.put(guid, LapsAttribute.LEGACY_PASSWORD.ldapName()));
    } else if (windowsPassword.isPresent()) {
      windowsPassword.ifPresent(guid -> targets.put(guid, LapsAttribute.PASSWORD.ldapName()));
      windowsEncryptedPassword.ifPresent(
          guid -> targets.put(guid, LapsAttribute.ENCRYPTED_PASSWORD.ldapName()));
      targets.put(Guids.LAPS_ENCRYPTED_PASSWORD_ATTRIBUTES, "ms-LAPS-Encrypted-Password-Attributes");
    }
    return targets;
  }
}
